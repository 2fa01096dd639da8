/**
 * Body of a calibration thread (`fitExtractorCalibrationInThread`): trains the calibration's
 * extractor and fits its maps off the caller's thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { initBackend } from "../backend/init-backend";
import type { CalibrationMessage, CalibrationTask } from "./fit-calibration-in-thread";
import { fitExtractorCalibration } from "./fit-extractor-calibration";

const post = (message: CalibrationMessage) => parentPort!.postMessage(message);

async function run(task: CalibrationTask): Promise<void> {
  await initBackend({ prefer: [task.backend] });
  const calibration = await fitExtractorCalibration(
    task.docs,
    task.labelSchema,
    task.options,
    task.calibration,
  );
  post({ type: "result", calibration });
}

run(workerData as CalibrationTask).catch((error: unknown) => {
  const e = error as Error & { code?: string };
  post({ type: "error", message: e.message ?? String(error), ...(e.code ? { code: e.code } : {}) });
});
