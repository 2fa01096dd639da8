import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@pagewise/storage/testing";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, REDIS_URL, ROOT } from "./support/platform";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run an entry (`apps/cli/src/main.ts migrate`, an app's main) to its end. */
function run(entry: string, env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, entry), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const pagewise = (env: Record<string, string>, ...args: string[]) =>
  run("apps/cli/src/main.ts", env, ...args);

/** A worker process left running; its HTTP port is `port`. */
function startWorker(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "apps/worker/src/main.ts")],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c));
  child.stderr?.on("data", (c: Buffer) => (output += c));
  return { child, output: () => output };
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
  } catch {
    return { status: 0, body: undefined };
  }
}

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const cleanup of cleanups) await cleanup();
});

/** A fresh, empty database: the SQLite default of a new data folder, or a new PostgreSQL schema. */
async function freshDatabase(dialect: "sqlite" | "postgres") {
  const dataDir = mkdtempSync(join(tmpdir(), "pagewise-migrate-"));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  let database: TestDatabase | undefined;
  if (dialect === "postgres") {
    database = await createTestDatabase("postgres", { migrate: false });
    const db = database;
    cleanups.push(() => db.drop());
  }
  const prefix = `pw-e2e-${randomBytes(4).toString("hex")}`;
  cleanups.push(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });
  return {
    PAGEWISE_DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
    REDIS_URL,
    PAGEWISE_QUEUE_PREFIX: prefix,
    PAGEWISE_READER_THREADS: "1",
  };
}

describe.each(["sqlite", "postgres"] as const)("pagewise migrate on %s", (dialect) => {
  it("is the one step that migrates when API and worker run with PAGEWISE_AUTO_MIGRATE=off", async () => {
    const env = { ...(await freshDatabase(dialect)), PAGEWISE_AUTO_MIGRATE: "off" };

    // Schema behind: the API refuses to start, in one line naming the command to run.
    const api = await run("apps/api/src/main.ts", { ...env, PORT: String(await freePort()) });
    expect(api.code, api.stderr).toBe(1);
    expect(api.stderr.trim()).toMatch(
      /^pagewise api: \[schema_behind\] The database schema is behind .*`pagewise migrate`/,
    );
    expect(api.stderr).not.toMatch(/^\s+at /m);

    const first = await pagewise(env, "migrate");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^applied 0001-foundation$/m);
    expect(first.stdout).toMatch(
      new RegExp(
        `^\\d+ migration\\(s\\) applied to ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}`,
        "m",
      ),
    );
    const again = await pagewise(env, "migrate");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^schema is current .*: no migration to apply$/m);

    // Migrated: a worker starts without migrating and is ready on its HTTP port.
    const port = await freePort();
    const worker = startWorker({ ...env, PAGEWISE_WORKER_METRICS_PORT: String(port) });
    children.push(worker.child);
    await expect
      .poll(() => getJson(`http://127.0.0.1:${port}/readyz`), { timeout: 60_000 })
      .toEqual({ status: 200, body: { status: "ready", database: true, redis: true } });
    expect(await getJson(`http://127.0.0.1:${port}/healthz`)).toEqual({
      status: 200,
      body: { status: "ok" },
    });
    await expect.poll(worker.output, { timeout: 60_000 }).toMatch(/worker started/);
    worker.child.kill("SIGTERM");
  });
});

describe("the schema check and pagewise migrate's errors", () => {
  it("a worker refuses to start on an empty database when it must not migrate", async () => {
    const env = { ...(await freshDatabase("postgres")), PAGEWISE_AUTO_MIGRATE: "off" };
    const worker = await run("apps/worker/src/main.ts", {
      ...env,
      PAGEWISE_WORKER_METRICS_PORT: String(await freePort()),
    });
    expect(worker.code, worker.stderr).toBe(1);
    expect(worker.stderr.trim()).toMatch(
      /^pagewise worker: \[schema_behind\] .*`pagewise migrate`/,
    );
  });

  it("an unreachable database is one line and exit code 1", async () => {
    const closed = await freePort();
    const res = await pagewise(
      { DATABASE_URL: `postgres://pagewise:secret@127.0.0.1:${closed}/pagewise` },
      "migrate",
    );
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split("\n")).toEqual([
      `pagewise migrate: cannot reach the database (PostgreSQL postgres://pagewise:***@127.0.0.1:${closed}/pagewise): ECONNREFUSED`,
    ]);
    expect(res.stdout).toBe("");
  });
});
