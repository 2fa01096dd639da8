import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, ROOT, sleep } from "./support/platform";

function startPlatform(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts/start.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  return Object.assign(child, { output: () => out });
}

async function waitReady(url: string, child: ChildProcess & { output: () => string }) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {}
    if (child.exitCode !== null) throw new Error(`start exited: ${child.output()}`);
    await sleep(200);
  }
  throw new Error(`not ready: ${child.output()}`);
}

async function waitForOutput(child: ChildProcess & { output: () => string }, pattern: RegExp) {
  const deadline = Date.now() + 30_000;
  while (!pattern.test(child.output())) {
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`no ${pattern} in: ${child.output()}`);
    }
    await sleep(100);
  }
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

describe("pnpm start (scripts/start.ts)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "pagewise-start-"));
  let redisPort = 0;
  afterAll(() => {
    if (redisPort) spawnSync("redis-cli", ["-p", String(redisPort), "shutdown", "nosave"]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts a local Redis when none answers, prints the admin token once, and serves", async () => {
    redisPort = await freePort();
    const port = await freePort();
    const env = {
      PORT: String(port),
      PAGEWISE_DATA_DIR: dataDir,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PAGEWISE_QUEUE_PREFIX: "pw-start-test",
    };
    const first = startPlatform(env);
    await waitReady(`http://127.0.0.1:${port}`, first);
    expect(first.output()).toMatch(/Starting a local redis-server/);
    const token = /Admin token[^\n]*\n\s*\n\s*(pw_\S+)/.exec(first.output())?.[1];
    expect(token).toBeDefined();
    const me = await fetch(`http://127.0.0.1:${port}/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await me.json()) as { token: { role: string } }).token.role).toBe("admin");
    // In words, not only log lines: where to go and how to sign in (the token repeated).
    await waitForOutput(first, /Pagewise is running/);
    expect(first.output()).toContain(`Open http://127.0.0.1:${port}/ in your browser`);
    expect(first.output()).toMatch(
      new RegExp(`Sign in with the admin token printed above[^\\n]*\\n\\s*${token}`),
    );
    const ui = await fetch(`http://127.0.0.1:${port}/`);
    expect(ui.headers.get("content-type")).toMatch(/text\/html/);
    expect(await stop(first)).toBe(0);

    const second = startPlatform(env);
    await waitReady(`http://127.0.0.1:${port}`, second);
    expect(second.output()).not.toMatch(/Admin token/);
    expect(second.output()).not.toMatch(/Starting a local redis-server/);
    await waitForOutput(second, /Pagewise is running/);
    expect(second.output()).toMatch(/Sign in with the admin token printed at the first start/);
    expect(second.output()).toMatch(/PAGEWISE_ADMIN_TOKEN=/);
    expect(await stop(second)).toBe(0);
  });

  it("explains how to get Redis when none answers and none is installed", async () => {
    const child = startPlatform({
      // No redis-server on this PATH (node is started by absolute path).
      PATH: "/nonexistent",
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      PAGEWISE_DATA_DIR: dataDir,
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(child.output()).toMatch(/Redis is not reachable/);
    expect(child.output()).toMatch(/apt-get install -y redis-server/);
  });
  it("says in one line, without a stack trace, when the data folder cannot be used", async () => {
    // A file where the data folder should be: refused even for root (a chmod would not be).
    const blocker = join(dataDir, "not-a-folder");
    writeFileSync(blocker, "");
    const child = startPlatform({
      PORT: String(await freePort()),
      PAGEWISE_DATA_DIR: join(blocker, "data"),
      REDIS_URL: process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      PAGEWISE_QUEUE_PREFIX: "pw-start-test-baddir",
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(child.output()).toMatch(/pagewise (api|worker): Cannot write to .*not-a-folder/);
    expect(child.output()).not.toMatch(/^\s+at /m);
  });
});
