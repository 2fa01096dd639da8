import { Worker } from "node:worker_threads";
import type { LabelSchema } from "@pagewise/core";
import { type BackendName, currentBackend } from "../backend/init-backend";
import type { TrainExtractorOptions } from "../extractor/train-extractor";
import type { TrainingDocument } from "../types";
import type { ConfidenceCalibration } from "./confidence-calibration";
import { type FitCalibrationOptions, fitExtractorCalibration } from "./fit-extractor-calibration";

/** What the calibration thread is given (structured-cloned: plain data only). */
export interface CalibrationTask {
  docs: readonly TrainingDocument[];
  labelSchema: LabelSchema;
  options: Omit<TrainExtractorOptions, "onProgress">;
  calibration: FitCalibrationOptions;
  /** The caller's backend: the thread must compute exactly what the caller would. */
  backend: BackendName;
}

/** What the calibration thread answers. */
export type CalibrationMessage =
  | { type: "result"; calibration: ConfidenceCalibration | null }
  | { type: "error"; message: string; code?: string };

/**
 * `fitExtractorCalibration` in a worker thread of its own, so that its second extractor trains
 * on another core while the caller trains the shipped one: the same maps (same documents, seed,
 * options and backend), in about half the wall time of training the two one after the other.
 * If the thread cannot run (it dies before answering, e.g. out of memory), the calibration is
 * fitted here instead, so a training never fails for want of a thread; an error the fit itself
 * raises is raised here as it would be in line.
 */
export function fitExtractorCalibrationInThread(
  docs: readonly TrainingDocument[],
  labelSchema: LabelSchema,
  options: TrainExtractorOptions,
  calibration: FitCalibrationOptions = {},
  /** The thread's entry module (tests give one that cannot load, to run the fallback). */
  entry = new URL("./calibration-thread-entry.mjs", import.meta.url),
): { result: Promise<ConfidenceCalibration | null>; cancel: () => void } {
  const { onProgress: _, ...plain } = options;
  const task: CalibrationTask = {
    docs,
    labelSchema,
    options: plain,
    calibration,
    backend: currentBackend() as BackendName,
  };
  let worker: Worker | undefined;
  let cancelled = false;
  const result = new Promise<ConfidenceCalibration | null>((resolve, reject) => {
    let settled = false;
    const inLine = () => {
      if (settled) return;
      settled = true;
      if (cancelled) return resolve(null);
      fitExtractorCalibration(docs, labelSchema, options, calibration).then(resolve, reject);
    };
    try {
      worker = new Worker(entry, {
        workerData: task,
      });
    } catch {
      return inLine();
    }
    worker.on("message", (message: CalibrationMessage) => {
      if (settled) return;
      settled = true;
      void worker?.terminate();
      if (message.type === "result") return resolve(message.calibration);
      reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    });
    worker.on("error", inLine);
    worker.on("exit", inLine);
  });
  // A caller that fails before awaiting the result must not leave an unhandled rejection behind.
  result.catch(() => {});
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker?.terminate();
    },
  };
}
