import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/init-backend";
import { loadTestDocuments } from "../test-support/test-documents";
import { trainModels } from "../train-models";
import { fitExtractorCalibrationInThread } from "./fit-calibration-in-thread";
import { fitExtractorCalibration } from "./fit-extractor-calibration";

// The 32 committed receipts the calibration tests train on, with their short schedule.
const train = loadTestDocuments("sroie").slice(0, 32);
const extractor = { epochs: 3, minSteps: 0, hashDim: 1024, hidden: [32], seed: 7 };
const calibration = { minFieldPoints: 5 };

describe("the calibration's extractor trained in a thread of its own", () => {
  let inLine: Awaited<ReturnType<typeof fitExtractorCalibration>>;

  beforeAll(async () => {
    await initBackend();
    inLine = await fitExtractorCalibration(train, DEFAULT_LABEL_SCHEMA, extractor, calibration);
  }, 120_000);

  it("fits exactly the maps fitted in line", async () => {
    expect(inLine).not.toBeNull();
    expect(Object.keys(inLine!.fields).length).toBeGreaterThan(0);
    const threaded = fitExtractorCalibrationInThread(
      train,
      DEFAULT_LABEL_SCHEMA,
      extractor,
      calibration,
    );
    expect(await threaded.result).toEqual(inLine);
  });

  it("fits them in line when the thread cannot start", async () => {
    const broken = fitExtractorCalibrationInThread(
      train,
      DEFAULT_LABEL_SCHEMA,
      extractor,
      calibration,
      new URL("./no-such-entry.mjs", import.meta.url),
    );
    expect(await broken.result).toEqual(inLine);
  });

  it("answers null, not a fit in line, once cancelled", async () => {
    const cancelled = fitExtractorCalibrationInThread(
      train,
      DEFAULT_LABEL_SCHEMA,
      extractor,
      calibration,
    );
    cancelled.cancel();
    expect(await cancelled.result).toBeNull();
  });

  it("gives trainModels the same models with and without the thread", async () => {
    const options = {
      seed: 7,
      extractor: { epochs: 3, minSteps: 0, hashDim: 1024, hidden: [32] },
      classifier: { epochs: 2 },
      calibration,
    };
    const threaded = await trainModels(train, DEFAULT_LABEL_SCHEMA, {
      ...options,
      calibrationThread: true,
    });
    const alone = await trainModels(train, DEFAULT_LABEL_SCHEMA, {
      ...options,
      calibrationThread: false,
    });
    expect(threaded.extractor.metadata.calibration).toEqual(inLine);
    expect(alone.extractor.metadata.calibration).toEqual(inLine);
  });
});
