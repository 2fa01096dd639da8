import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, Platform, REDIS_URL, ROOT, sleep } from "./support/platform";

/** Start one more API process on the platform's database and data folder; resolves its output. */
async function startApi(
  platform: Platform,
  port: number,
): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "apps/api/src/main.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      PAGEWISE_DATA_DIR: platform.dataDir,
      DATABASE_URL: platform.databaseUrl,
      REDIS_URL,
      PAGEWISE_QUEUE_PREFIX: platform.prefix,
      PAGEWISE_ADMIN_TOKEN: platform.adminToken,
      PAGEWISE_METRICS: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes("api listening")) {
    if (child.exitCode !== null) throw new Error(`the API exited: ${out.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error("the API did not start");
    await sleep(100);
  }
  return { child, out: () => out };
}

describe("PAGEWISE_ADMIN_TOKEN revoked", () => {
  const platform = new Platform({ startWorker: false });
  let second: ChildProcess | undefined;
  beforeAll(() => platform.start());
  afterAll(async () => {
    second?.kill("SIGTERM");
    await platform.stop();
  });

  it("stays revoked: the API starts again, says so in one warning, and refuses the secret", async () => {
    const tokens = "/v1/projects/default/tokens";
    // Another admin first, to look at the result with.
    const created = await platform.request(tokens, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "ops", role: "admin" }),
    });
    const ops = ((await created.json()) as { token: string }).token;
    const list = (await (await platform.request(tokens)).json()) as {
      items: { id: string; name: string }[];
    };
    const envToken = list.items.find((t) => t.name === "PAGEWISE_ADMIN_TOKEN")!;
    expect((await platform.request(`${tokens}/${envToken.id}`, { method: "DELETE" })).status).toBe(
      204,
    );

    const port = await freePort();
    const api = await startApi(platform, port);
    second = api.child;
    const warnings = api
      .out()
      .split("\n")
      .filter((line) => line.includes("PAGEWISE_ADMIN_TOKEN was revoked"));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!).level).toBe(40);
    const base = `http://127.0.0.1:${port}`;
    const asEnv = await fetch(`${base}${tokens}`, {
      headers: { Authorization: `Bearer ${platform.adminToken}` },
    });
    expect(asEnv.status).toBe(401);
    const asOps = await fetch(`${base}${tokens}`, { headers: { Authorization: `Bearer ${ops}` } });
    expect(asOps.status).toBe(200);
  });
});
