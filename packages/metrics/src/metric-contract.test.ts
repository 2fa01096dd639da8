import { describe, expect, it } from "vitest";
import { METRIC_CONTRACT, registry } from "./index";

describe("the metric contract", () => {
  it("lists exactly the pagewise metrics of the registry, with their types and labels", async () => {
    const registered = (await registry.getMetricsAsJSON())
      .filter((m) => m.name.startsWith("pagewise_"))
      .map((m) => ({ name: m.name, type: String(m.type) }));
    expect(registered.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      METRIC_CONTRACT.map((m) => ({ name: m.name, type: m.type })).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );
    for (const metric of METRIC_CONTRACT) {
      const live = registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] };
      expect(live.labelNames, metric.name).toEqual([...metric.labels]);
    }
  });

  it("names nothing that is not documented in docs/metrics.md", async () => {
    const { readFile } = await import("node:fs/promises");
    const doc = await readFile(new URL("../../../docs/metrics.md", import.meta.url), "utf8");
    for (const metric of METRIC_CONTRACT) expect(doc, metric.name).toContain(`\`${metric.name}\``);
  });
});
