import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { promtool, writeScrapeConfig } from "./support/prometheus";

/** The shipped Prometheus files, checked by Debian's promtool (no platform needed). */
describe("deploy/prometheus", () => {
  it("has alert rules that promtool accepts", () => {
    const check = promtool("check", "rules", "alerts.yml");
    expect(check.output).toContain("SUCCESS");
    expect(check.status).toBe(0);
  });

  it("fires every alert in its test scenario, and only there (promtool test rules)", () => {
    const run = promtool("test", "rules", "alerts.test.yml");
    expect(run.output).toContain("SUCCESS");
    expect(run.status).toBe(0);
  });

  it("has a test scenario for every alert rule", async () => {
    const { readFileSync } = await import("node:fs");
    const rules = readFileSync(
      join(import.meta.dirname, "../deploy/prometheus/alerts.yml"),
      "utf8",
    );
    const tests = readFileSync(
      join(import.meta.dirname, "../deploy/prometheus/alerts.test.yml"),
      "utf8",
    );
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(alerts.length).toBeGreaterThanOrEqual(6);
    for (const alert of alerts) {
      // A scenario where it fires: an exp_alerts list that is not empty.
      const fires = new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`);
      expect(tests, alert).toMatch(fires);
    }
  });

  it("has a scrape config that promtool accepts", () => {
    const dir = writeScrapeConfig({
      api: "127.0.0.1:8080",
      workers: ["127.0.0.1:9464"],
      token: "t".repeat(24),
    });
    try {
      const check = promtool("check", "config", join(dir, "prometheus.yml"));
      expect(check.output).toContain("SUCCESS");
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
