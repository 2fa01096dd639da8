import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { saveModel } from "./artifacts/save-model";
import { initBackend } from "./backend/init-backend";
import { trainExtractor } from "./extractor/train-extractor";
import { loadTestDocuments } from "./test-support/test-documents";

function trainInWorker(data: {
  count: number;
  seed: number;
  epochs: number;
}): Promise<{ backend: string; hash: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./test-support/train-in-worker.mjs", import.meta.url), {
      workerData: data,
    });
    worker.once("message", (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`training worker exited with ${code}`));
    });
  });
}

describe("training inside a worker thread", () => {
  it("loads the wasm backend there and gives the same weights as the main thread", async () => {
    const data = { count: 8, seed: 11, epochs: 2 };
    const fromWorker = await trainInWorker(data);
    expect(fromWorker.backend).toBe("wasm");
    await initBackend();
    const docs = loadTestDocuments("sroie").slice(0, data.count);
    const model = await trainExtractor(docs, DEFAULT_LABEL_SCHEMA, {
      seed: data.seed,
      epochs: data.epochs,
      minSteps: 0,
    });
    const hash = createHash("sha256")
      .update((await saveModel(model))["weights.bin"]!)
      .digest("hex");
    expect(fromWorker.hash).toBe(hash);
  });
});
