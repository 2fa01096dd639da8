import { describe, expect, it } from "vitest";
import {
  clearModelMonitoring,
  setDriftPsi,
  setDriftStatus,
  setModelLiveAccuracy,
} from "./model-metrics";
import { registry } from "./registry";

describe("model monitoring gauges", () => {
  it("are set per project, kind and field, and cleared per project", async () => {
    setModelLiveAccuracy("alpha", "extractor", "total", 0.91);
    setModelLiveAccuracy("beta", "classifier", "category", 0.8);
    setDriftPsi("alpha", "confidence", 0.3);
    setDriftStatus("alpha", "confidence", "alert");
    setDriftStatus("beta", "pages", "warn");
    let text = await registry.metrics();
    expect(text).toContain(
      'pagewise_model_live_accuracy{project="alpha",kind="extractor",field="total"} 0.91',
    );
    expect(text).toContain('pagewise_model_drift_psi{project="alpha",signal="confidence"} 0.3');
    expect(text).toContain('pagewise_model_drift_status{project="alpha",signal="confidence"} 2');
    expect(text).toContain('pagewise_model_drift_status{project="beta",signal="pages"} 1');
    await clearModelMonitoring("alpha");
    text = await registry.metrics();
    expect(text).not.toContain('project="alpha"');
    expect(text).toContain(
      'pagewise_model_live_accuracy{project="beta",kind="classifier",field="category"} 0.8',
    );
  });
});
