import { Worker } from "node:worker_threads";
import { PagewiseError } from "@pagewise/core";
import type { TrainProgress } from "@pagewise/models";
import type { EvaluateResult, ThreadMessage, TrainingTask, TrainResult } from "./training-protocol";

type ResultOf<T extends TrainingTask> = T extends { op: "train" } ? TrainResult : EvaluateResult;

/**
 * Run one training or evaluation task in a fresh worker thread and resolve with its result. A
 * fresh thread per task starts with clean memory (TensorFlow.js keeps buffers) and dies with it.
 */
export function runTrainingTask<T extends TrainingTask>(
  task: T,
  onProgress: (progress: TrainProgress) => void = () => {},
): Promise<ResultOf<T>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./training-thread-entry.mjs", import.meta.url), {
      workerData: task,
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    let settled = false;
    worker.on("message", (message: ThreadMessage) => {
      if (message.type === "progress") return onProgress(message.progress);
      settled = true;
      void worker.terminate();
      if (message.type === "result") resolve(message.result as ResultOf<T>);
      else reject(new PagewiseError("training_failed", message.message));
    });
    worker.on("error", (error) => {
      if (settled) return;
      settled = true;
      reject(new PagewiseError("training_failed", error.message));
    });
    worker.on("exit", (code) => {
      if (!settled)
        reject(new PagewiseError("training_failed", `training thread exited (${code})`));
    });
  });
}
