import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

const encode = (text: string) => new TextEncoder().encode(text);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * A classifier artifact of the form `saveModel` writes (hashDim 16 + denseDim 4 features →
 * dense 8 → 3 categories), with weights of the right size. Built by hand: the API never loads
 * TensorFlow.js (a real trained model's round trip is tested in the worker).
 */
function artifact(
  change: { layer?: string; kernel?: number[]; weights?: Uint8Array; sha?: string } = {},
) {
  const dense = (name: string, units: number, from: string) => ({
    class_name: "Dense",
    config: { name, units, activation: "linear", use_bias: true },
    inbound_nodes: [[[from, 0, 0, {}]]],
  });
  const topology = {
    class_name: "Model",
    config: {
      name: "classifier",
      layers: [
        { class_name: "InputLayer", config: { name: "features", batch_input_shape: [null, 20] } },
        { ...dense("hidden_0", 8, "features"), class_name: change.layer ?? "Dense" },
        dense("logits", 3, "hidden_0"),
        { class_name: "Activation", config: { name: "probabilities", activation: "softmax" } },
      ],
      input_layers: [["features", 0, 0]],
      output_layers: [["probabilities", 0, 0]],
    },
  };
  const specs = [
    { name: "hidden_0/kernel", shape: change.kernel ?? [20, 8], dtype: "float32" },
    { name: "hidden_0/bias", shape: [8], dtype: "float32" },
    { name: "logits/kernel", shape: [8, 3], dtype: "float32" },
    { name: "logits/bias", shape: [3], dtype: "float32" },
  ];
  const weights = change.weights ?? new Uint8Array((20 * 8 + 8 + 8 * 3 + 3) * 4).fill(1);
  const metadata = {
    formatVersion: 1,
    kind: "classifier",
    labels: ["invoice", "receipt", "contract"],
    labelSchema: {
      version: 1,
      categories: [
        { name: "invoice", fields: [] },
        { name: "receipt", fields: [] },
        { name: "contract", fields: [] },
      ],
    },
    featurizer: { name: "document-ngrams", version: 1, hashDim: 16, denseDim: 4, categories: [] },
    hyperparameters: {},
    seed: 1,
    backend: "wasm",
    weightsSha256: change.sha ?? sha256(weights),
  };
  return {
    "model.json": encode(
      JSON.stringify({
        format: "layers-model",
        modelTopology: topology,
        weightsManifest: [{ paths: ["weights.bin"], weights: specs }],
      }),
    ),
    "weights.bin": weights,
    "metadata.json": encode(JSON.stringify(metadata)),
  };
}

function countFiles(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) n++;
  }
  return n;
}

describe.each(TEST_DIALECTS)("uploading model artifacts on %s", (dialect) => {
  let t: TestApi;
  const send = (files: Record<string, Uint8Array>, kind = "classifier") => {
    const body = new FormData();
    for (const [name, bytes] of Object.entries(files)) body.append("file", new File([bytes], name));
    return t.app.request(`/v1/projects/default/models/${kind}/versions`, {
      method: "POST",
      headers: t.auth(t.adminToken),
      body,
    });
  };
  const refusal = async (res: Response) => {
    expect(res.status).toBe(422);
    return ((await res.json()) as { error: { code: string; message: string } }).error;
  };

  beforeAll(async () => {
    t = await createTestApi(dialect);
  });
  afterAll(() => t.close());

  it("refuses 16 zero bytes with 422 invalid_model_artifact and stores nothing", async () => {
    const zeros = new Uint8Array(16);
    const asAll = await refusal(
      await send({ "model.json": zeros, "weights.bin": zeros, "metadata.json": zeros }),
    );
    expect(asAll.code).toBe("invalid_model_artifact");
    const asWeights = await refusal(await send({ ...artifact(), "weights.bin": zeros }));
    expect(asWeights.code).toBe("invalid_model_artifact");
    expect(asWeights.message).toMatch(/weights.bin has 16 bytes/);
    const missing = await refusal(await send({ "weights.bin": zeros }));
    expect(missing.message).toMatch(/Missing artifact files: model.json, metadata.json/);
    expect(countFiles(t.blobDir)).toBe(0);
    const versions = await t.app.request("/v1/projects/default/models/classifier/versions", {
      headers: t.auth(t.adminToken),
    });
    expect(((await versions.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("refuses unknown layers, shapes that do not chain, a wrong checksum and the wrong kind", async () => {
    const cases: [Record<string, Uint8Array>, RegExp, string?][] = [
      [artifact({ layer: "Lambda" }), /Unknown layer types: Lambda/],
      [artifact({ kernel: [20, 9] }), /hidden_0\/kernel' should have shape \[20, 8\]/],
      [artifact({ sha: "0".repeat(64) }), /checksum/],
      [artifact(), /a classifier, not a extractor/, "extractor"],
    ];
    for (const [files, message, kind] of cases) {
      const error = await refusal(await send(files, kind));
      expect([error.code, error.message]).toEqual([
        "invalid_model_artifact",
        expect.stringMatching(message),
      ]);
    }
  });

  it("registers a valid artifact as pending and queues its evaluation on the validation set", async () => {
    const res = await send(artifact());
    expect(res.status).toBe(201);
    const version = (await res.json()) as { version: number; status: string };
    expect(version.status).toBe("pending");
    const jobs = await t.producer.queue("training").getJobs(["waiting"]);
    const job = jobs.find((j) => j.name === "model.evaluate-upload");
    expect(job?.id).toMatch(/^evaluate-upload-/);
    // Pending versions cannot serve: promotion waits for the evaluation.
    const promote = await t.app.request("/v1/projects/default/models/classifier/aliases/champion", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify({ version: version.version, reason: "too early" }),
    });
    expect(promote.status).toBe(409);
  });
});
