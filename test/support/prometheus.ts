import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ROOT, sleep } from "./platform";

export const PROMETHEUS = process.env.PAGEWISE_PROMETHEUS ?? "/usr/bin/prometheus";
export const PROMTOOL = process.env.PAGEWISE_PROMTOOL ?? "/usr/bin/promtool";
export const DEPLOY = join(ROOT, "deploy/prometheus");

export interface ScrapeTargets {
  api: string;
  workers: string[];
  token: string;
  /** e.g. "1s" for tests. */
  interval?: string;
}

/**
 * The shipped deploy/prometheus/prometheus.yml with this run's targets, token file and interval
 * put in (and alerts.yml beside it), in a fresh folder: the config a test runs is the one we ship.
 */
export function writeScrapeConfig(targets: ScrapeTargets): string {
  const dir = mkdtempSync(join(tmpdir(), "pagewise-prometheus-"));
  const tokenFile = join(dir, "metrics-token");
  writeFileSync(tokenFile, targets.token);
  copyFileSync(join(DEPLOY, "alerts.yml"), join(dir, "alerts.yml"));
  let config = readFileSync(join(DEPLOY, "prometheus.yml"), "utf8")
    .replaceAll("/etc/prometheus/pagewise-metrics-token", tokenFile)
    .replace('targets: ["127.0.0.1:8080"]', `targets: ["${targets.api}"]`)
    .replace(
      'targets: ["127.0.0.1:9464"]',
      `targets: [${targets.workers.map((w) => `"${w}"`).join(", ")}]`,
    );
  if (targets.interval) {
    config = config
      .replace("scrape_interval: 15s", `scrape_interval: ${targets.interval}`)
      .replace("evaluation_interval: 15s", `evaluation_interval: ${targets.interval}`);
  }
  writeFileSync(join(dir, "prometheus.yml"), config);
  return dir;
}

export function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL, args, { cwd: DEPLOY, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A real Prometheus on loopback, storing in a temp folder, scraping what the config says. */
export class PrometheusServer {
  url = "";
  private child: ChildProcess | undefined;
  private output: string[] = [];

  constructor(private readonly configDir: string) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(this.configDir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(this.configDir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--storage.tsdb.retention.time=1h",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child.stdout?.on("data", (c: Buffer) => this.output.push(c.toString()));
    this.child.stderr?.on("data", (c: Buffer) => this.output.push(c.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`prometheus exited: ${this.output.join("").slice(-2000)}`);
      try {
        if ((await fetch(`${this.url}/-/ready`)).ok) return;
      } catch {}
      await sleep(200);
    }
    throw new Error("prometheus did not become ready");
  }

  /** An instant query; the result vector. */
  async query(
    expr: string,
  ): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const res = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as {
      status: string;
      data: { result: never[] };
      error?: string;
    };
    if (body.status !== "success") throw new Error(`query ${expr}: ${body.error}`);
    return body.data.result;
  }

  async targets(): Promise<Array<{ labels: { job: string }; health: string; lastError: string }>> {
    const res = await fetch(`${this.url}/api/v1/targets?state=active`);
    return ((await res.json()) as { data: { activeTargets: never[] } }).data.activeTargets;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      await new Promise<void>((res) => {
        child.once("exit", () => res());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      });
    }
    rmSync(this.configDir, { recursive: true, force: true });
  }
}
