import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Db, FieldEncryption, readKeyringFile } from "@pagewise/storage";
import { createTestDatabase, type TestDatabase } from "@pagewise/storage/testing";
import { Redis } from "ioredis";

export const ROOT = resolve(import.meta.dirname, "../..");
export const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A TCP port nothing listens on right now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? res(address.port) : rej()));
    });
  });
}

/** What the request helpers need of a platform: its API, reached with a token. */
export type PlatformClient = Pick<Platform, "request">;

export interface PlatformOptions {
  dialect?: "sqlite" | "postgres";
  /** Extra environment for the worker (e.g. short lock durations for crash tests). */
  workerEnv?: Record<string, string>;
  /** Extra environment for the API (e.g. PAGEWISE_WEB_DIR for the UI tests). */
  apiEnv?: Record<string, string>;
  /** Start a worker with the API (default true). */
  startWorker?: boolean;
  /** The API's port (default: a free one), for tests that must know its URL before it starts. */
  port?: number;
}

/**
 * The real platform for end-to-end tests: the API and worker as separate processes, exactly as
 * `pnpm start` runs them, on a fresh database, a fresh data folder and an own Redis key prefix.
 */
export class Platform {
  readonly adminToken = `pw_e2e_${randomBytes(16).toString("hex")}`;
  readonly prefix = `pw-e2e-${randomBytes(4).toString("hex")}`;
  readonly dataDir = mkdtempSync(join(tmpdir(), "pagewise-e2e-"));
  baseUrl = "";
  /** The metrics port of each started worker (each gets a free one), oldest first. */
  readonly workerMetricsPorts: number[] = [];
  private api: ChildProcess | undefined;
  private workers: ChildProcess[] = [];
  private database: TestDatabase | undefined;
  private env: Record<string, string> = {};

  constructor(private readonly options: PlatformOptions = {}) {}

  async start(): Promise<void> {
    this.database = await createTestDatabase(this.options.dialect ?? "sqlite");
    const port = this.options.port ?? (await freePort());
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      // As `pnpm start` and the image run the apps (scripts/start.ts).
      MALLOC_ARENA_MAX: "2",
      PORT: String(port),
      PAGEWISE_DATA_DIR: this.dataDir,
      DATABASE_URL: this.database.url,
      REDIS_URL: REDIS_URL,
      PAGEWISE_QUEUE_PREFIX: this.prefix,
      PAGEWISE_ADMIN_TOKEN: this.adminToken,
      LOG_LEVEL: "info",
      // Tests poll many documents at once with one token; the rate-limit tests set their own
      // budget (apiEnv). The failed-sign-in limit stays as shipped.
      PAGEWISE_RATE_LIMIT_REQUESTS_PER_TOKEN: "1000000",
    };
    this.api = this.spawn("api", "apps/api/src/main.ts", this.options.apiEnv ?? {});
    // Both at once, as `pnpm start` starts them (they may race to migrate and to generate the
    // master key, which the platform handles): a few seconds less per test file.
    await Promise.all([
      this.waitForHttp("/readyz", 60_000),
      this.options.startWorker === false ? undefined : this.startWorker(),
    ]);
  }

  /** Start (another) worker process. */
  async startWorker(): Promise<ChildProcess> {
    const metricsPort = await freePort();
    const worker = this.spawn(`worker-${this.workers.length}`, "apps/worker/src/main.ts", {
      PAGEWISE_READER_THREADS: "2",
      // Several workers (and other test runs) share this host: never the fixed default port.
      PAGEWISE_WORKER_METRICS_PORT: String(metricsPort),
      ...this.options.workerEnv,
    });
    this.workers.push(worker);
    this.workerMetricsPorts.push(metricsPort);
    await this.waitForLog(worker, /worker started/, 60_000);
    return worker;
  }

  /** Kill the newest worker without warning (SIGKILL: no graceful shutdown, locks stay). */
  killWorker(): void {
    const worker = this.workers.pop();
    this.workerMetricsPorts.pop();
    worker?.kill("SIGKILL");
  }

  /** Ask the newest worker to stop (SIGTERM: graceful) and resolve with its exit code. */
  async terminateWorker(): Promise<number | null> {
    const worker = this.workers.pop();
    this.workerMetricsPorts.pop();
    if (!worker) return null;
    return new Promise((resolve) => {
      worker.once("exit", (code) => resolve(code));
      worker.kill("SIGTERM");
    });
  }

  /** The process id of the newest worker (to read its memory from /proc). */
  workerPid(): number | undefined {
    return this.workers.at(-1)?.pid;
  }

  /** The process id of the API. */
  apiPid(): number | undefined {
    return this.api?.pid;
  }

  /** The newest worker's output so far. */
  workerOutput(): string {
    const worker = this.workers.at(-1) as (ChildProcess & { lines: string[] }) | undefined;
    return worker?.lines.join("") ?? "";
  }

  async stop(): Promise<void> {
    const all = [...this.workers, ...(this.api ? [this.api] : [])];
    await Promise.all(
      all.map(
        (child) =>
          new Promise<void>((res) => {
            if (child.exitCode !== null || child.signalCode !== null) return res();
            child.once("exit", () => res());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
          }),
      ),
    );
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${this.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await this.database?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The platform's own database, for fixtures and checks no API call makes or shows. */
  get db(): Db {
    if (!this.database) throw new Error("the platform is not started");
    return this.database.db;
  }

  /**
   * The same database read as the platform's processes read it: encrypted columns in clear,
   * with the master key the platform generated in its data folder.
   */
  get clearDb(): Db {
    const keyring = readKeyringFile(join(this.dataDir, "master-key.json"));
    return this.db.withPlugin(new FieldEncryption(keyring));
  }

  /** The DATABASE_URL the platform's processes use (tests that arrange a state directly). */
  get databaseUrl(): string {
    if (!this.database) throw new Error("the platform is not started");
    return this.database.url;
  }

  async request(path: string, init: RequestInit = {}, token = this.adminToken): Promise<Response> {
    return fetch(this.baseUrl + path, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...init.headers },
    });
  }

  private spawn(name: string, entry: string, extraEnv: Record<string, string>): ChildProcess {
    // One process per app (`node --import tsx`, not the tsx CLI, which runs the app in a child
    // process: a SIGKILL would hit only the wrapper and leave the app running).
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, entry)], {
      cwd: ROOT,
      env: { ...this.env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log = createWriteStream(join(this.dataDir, `${name}.log`));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const lines: string[] = [];
    child.stdout?.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
    (child as ChildProcess & { lines: string[] }).lines = lines;
    return child;
  }

  private async waitForLog(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
    const lines = (child as ChildProcess & { lines: string[] }).lines;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (lines.some((l) => pattern.test(l))) return;
      if (child.exitCode !== null)
        throw new Error(`process exited: ${lines.join("").slice(-2000)}`);
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${pattern}`);
  }

  private async waitForHttp(path: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(this.baseUrl + path)).ok) return;
      } catch {}
      if (this.api?.exitCode !== null) {
        const lines = (this.api as ChildProcess & { lines: string[] }).lines;
        throw new Error(`API exited: ${lines.join("").slice(-2000)}`);
      }
      await sleep(100);
    }
    throw new Error(`API not ready after ${timeoutMs} ms`);
  }
}

/** A process's resident memory in bytes (VmRSS of /proc/<pid>/status). */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
