/**
 * Body of a training thread: TensorFlow.js training and evaluation run here, never on the
 * worker's event loop, so BullMQ keeps renewing the job's lock while a model trains.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  disposeModel,
  evaluateModels,
  initBackend,
  loadModel,
  saveModel,
  trainModels,
} from "@pagewise/models";
import type { ThreadMessage, TrainingTask } from "./training-protocol";

const post = (message: ThreadMessage) => parentPort!.postMessage(message);

async function run(task: TrainingTask): Promise<void> {
  const backend = await initBackend();
  if (task.op === "train") {
    const started = performance.now();
    const { classifier, extractor } = await trainModels(task.docs, task.labelSchema, {
      seed: task.seed,
      ...(task.extractorMinSteps === undefined
        ? {}
        : { extractor: { minSteps: task.extractorMinSteps } }),
      onProgress: (progress) => post({ type: "progress", progress }),
    });
    post({
      type: "result",
      result: {
        classifier: await saveModel(classifier),
        extractor: await saveModel(extractor),
        backend,
        durationMs: Math.round(performance.now() - started),
      },
    });
    return;
  }
  const reports: Record<string, Awaited<ReturnType<typeof evaluateModels>>> = {};
  for (const { key, files } of task.models) {
    const model = await loadModel(files);
    // The extractor is judged on the true category, so a classifier's mistakes do not count twice.
    reports[key] =
      model.kind === "classifier"
        ? await evaluateModels({ classifier: model }, task.docs)
        : await evaluateModels({ extractor: model }, task.docs, { useTrueCategory: true });
    disposeModel(model);
  }
  post({ type: "result", result: reports });
}

run(workerData as TrainingTask).catch((error: unknown) => {
  const e = error as Error & { code?: string };
  post({ type: "error", message: e.message ?? String(error), ...(e.code ? { code: e.code } : {}) });
});
