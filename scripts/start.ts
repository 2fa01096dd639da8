/**
 * `pnpm start`: the API and the worker as two processes on the embedded defaults (SQLite file and
 * blob folder under ./data, Redis at REDIS_URL). Starts a local redis-server when Redis is not
 * reachable and one is installed; builds the UI when it has not been built.
 */
import { type ChildProcess, type StdioOptions, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pingRedis } from "@pagewise/queue";

const root = resolve(import.meta.dirname, "..");
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const dataDir = resolve(process.env.PAGEWISE_DATA_DIR ?? join(root, "data"));

function which(bin: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" }).status === 0;
}

async function ensureRedis(): Promise<void> {
  try {
    await pingRedis(redisUrl);
    return;
  } catch {}
  const url = new URL(redisUrl);
  const local = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname);
  if (!local || !which("redis-server")) {
    console.error(
      `Redis is not reachable at ${redisUrl}.\n` +
        (local
          ? "Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) and run pnpm start again,"
          : "Start it,") +
        " or point REDIS_URL at a running Redis.",
    );
    process.exit(1);
  }
  const redisDir = join(dataDir, "redis");
  mkdirSync(redisDir, { recursive: true });
  console.log(`Starting a local redis-server on port ${url.port || 6379} (data in ${redisDir})`);
  const started = spawnSync(
    "redis-server",
    [
      "--daemonize",
      "yes",
      "--bind",
      "127.0.0.1",
      "--port",
      url.port || "6379",
      "--dir",
      redisDir,
      "--appendonly",
      "yes",
      // BullMQ must never lose keys to eviction.
      "--maxmemory-policy",
      "noeviction",
      "--logfile",
      join(redisDir, "redis.log"),
    ],
    { stdio: "inherit" },
  );
  if (started.status !== 0) process.exit(1);
  for (let i = 0; i < 50; i++) {
    try {
      await pingRedis(redisUrl);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  console.error("redis-server started but does not answer.");
  process.exit(1);
}

function ensureWebBuild(): string | undefined {
  const webDir = join(root, "apps/web");
  if (!existsSync(join(webDir, "package.json"))) return undefined;
  const dist = join(webDir, "dist");
  if (!existsSync(join(dist, "index.html"))) {
    console.log("Building the UI (once)…");
    const built = spawnSync("pnpm", ["--filter", "@pagewise/web", "build"], {
      cwd: root,
      stdio: "inherit",
    });
    if (built.status !== 0) process.exit(1);
  }
  return dist;
}

/** Where a browser on this machine reaches the API (a wildcard bind is reached via loopback). */
function localUrl(): string {
  const host = process.env.HOST ?? "127.0.0.1";
  const port = process.env.PORT ?? "8080";
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/** Once the API answers, say in words where to go and how to sign in. */
async function announceWhenReady(): Promise<void> {
  const url = localUrl();
  for (;;) {
    if (exiting) return;
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  const token = /Admin token[^\n]*\n\s*\n\s*(pw_\S+)/.exec(apiOutput)?.[1];
  const signIn = token
    ? `Sign in with the admin token printed above (shown only this once, keep it):\n      ${token}`
    : process.env.PAGEWISE_ADMIN_TOKEN
      ? "Sign in with the admin token you set in PAGEWISE_ADMIN_TOKEN."
      : "Sign in with the admin token printed at the first start. Lost it? Start again with\n" +
        "    PAGEWISE_ADMIN_TOKEN=<a secret of 16+ characters> to add an admin token of your choice.";
  const where = webDir
    ? `Open ${url}/ in your browser (API reference: ${url}/docs).`
    : `The API is at ${url} (reference: ${url}/docs); the UI is not built.`;
  console.log(`\n  Pagewise is running.\n    ${where}\n    ${signIn}\n    Stop it with Ctrl+C.\n`);
}

await ensureRedis();
const webDir = ensureWebBuild();
const env = {
  // glibc gives every thread that allocates its own malloc arena (up to 8 per core), and reader
  // threads, sharp and the canvas allocate a lot: two arenas keep the worker's memory a few
  // hundred MB lower for the same work (docs/benchmarks.md, worker-rss). The images set it too.
  MALLOC_ARENA_MAX: "2",
  ...process.env,
  PAGEWISE_DATA_DIR: dataDir,
  REDIS_URL: redisUrl,
  ...(webDir ? { PAGEWISE_WEB_DIR: webDir } : {}),
};
// `node --import tsx` keeps each app one process (the tsx CLI would add a wrapper process).
const run = (entry: string, stdio: StdioOptions = "inherit") =>
  spawn(process.execPath, ["--import", "tsx", join(root, entry)], { cwd: root, env, stdio });
const api = run("apps/api/src/main.ts", ["inherit", "pipe", "inherit"]);
const children: ChildProcess[] = [api, run("apps/worker/src/main.ts")];

// The API prints a generated admin token once, among its log lines: pass its output through and
// remember the token, to repeat it in the sign-in instructions.
let apiOutput = "";
api.stdout?.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (apiOutput.length < 64_000) apiOutput += chunk.toString();
});

let exiting = false;
function stopAll(code: number) {
  if (exiting) return;
  exiting = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 35_000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on("exit", r)))),
  ).then(() => process.exit(code));
}
for (const child of children) {
  child.on("exit", (code) => {
    if (!exiting) {
      console.error(`A Pagewise process exited (code ${code}); stopping the other.`);
      stopAll(code ?? 1);
    }
  });
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
void announceWhenReady();
