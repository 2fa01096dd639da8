import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, sleep } from "./platform";

/**
 * A "host": one Pagewise process in its own mount namespace (`unshare --mount`, we run as root)
 * with a private tmpfs over its data folder and its temp folder. Every host is given the same
 * paths, as identical machines would be, yet none sees a file another wrote: they share only
 * what they reach over TCP (PostgreSQL, Redis, the S3 server) and the environment they are given
 * (the master key). The code they run (the repository, node_modules) stays shared read-only
 * input, as an image is on real hosts.
 */
export class Host {
  readonly lines: string[] = [];
  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {}

  /**
   * Start `node --import tsx <entry> …args` on a host of its own. `sh` mounts the tmpfs and then
   * `exec`s node, and `unshare` without `--fork` execs too: the child's pid is node's, so a
   * SIGKILL hits the app itself, as a host dying would.
   */
  static start(
    name: string,
    layout: HostLayout,
    entry: string,
    env: Record<string, string>,
    args: string[] = [],
  ): Host {
    const script =
      'mount -t tmpfs tmpfs "$PAGEWISE_DATA_DIR" && mount -t tmpfs tmpfs "$TMPDIR" && exec "$0" "$@"';
    const child = spawn(
      "unshare",
      [
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        script,
        process.execPath,
        "--import",
        "tsx",
        join(ROOT, entry),
        ...args,
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          PAGEWISE_DATA_DIR: layout.dataDir,
          TMPDIR: layout.tmpDir,
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const host = new Host(name, child);
    // The log is written by this (test) process, outside every host's namespace.
    const log = createWriteStream(join(layout.logDir, `${name}.log`));
    for (const stream of [child.stdout, child.stderr]) {
      stream?.pipe(log);
      stream?.on("data", (chunk: Buffer) => host.lines.push(chunk.toString()));
    }
    return host;
  }

  output(): string {
    return this.lines.join("");
  }

  /** Until the output matches (a started app logs it), or fail with the output if the host died. */
  async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output())) {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`${this.name} exited: ${this.output().slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no ${pattern} in time`);
      await sleep(100);
    }
  }

  /** Until the process ends; its exit code. */
  exited(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null)
      return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** Run a shell command inside this host's mount namespace (what the host itself sees). */
  shell(command: string): string {
    const pid = this.child.pid;
    if (!pid) throw new Error(`${this.name} has no pid`);
    return execFileSync("nsenter", ["--target", String(pid), "--mount", "sh", "-c", command], {
      encoding: "utf8",
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/** The folders every host mounts its own tmpfs over (same paths on every host), and the logs. */
export interface HostLayout {
  dataDir: string;
  tmpDir: string;
  logDir: string;
}

export function hostLayout(root: string): HostLayout {
  const layout = {
    dataDir: join(root, "data"),
    tmpDir: join(root, "tmp"),
    logDir: join(root, "logs"),
  };
  for (const dir of Object.values(layout)) mkdirSync(dir, { recursive: true });
  return layout;
}
