import { createHash } from "node:crypto";
import { PagewiseError } from "@pagewise/core";
import {
  createModelVersion,
  getTrainingRun,
  type Lineage,
  markVersionReady,
  moveAlias,
  updateTrainingRun,
} from "@pagewise/registry";
import type { JobHandler } from "../job-registry";
import { enterStage } from "./enter-stage";
import { runTrainingTask } from "./run-training-task";
import { MODEL_KINDS, systemActor, versionsOfRun } from "./run-versions";
import { loadSplit, readSnapshot } from "./snapshot-content";
import { TrainProgressTracker } from "./train-progress";

/**
 * `model.train`: train the classifier and the extractor on the snapshot's train split in a
 * worker thread, store the artifacts, register both versions `ready` with their lineage, and
 * point `challenger` at them. A retry after a crash trains again from the same snapshot and seed,
 * which gives the same weights (the lineage records their hash).
 */
export const trainModelsJob: JobHandler<"model.train"> = async (payload, { deps, log }) => {
  const run = await getTrainingRun(deps.db, payload.trainingRunId);
  if (!run || run.status === "succeeded" || run.status === "failed") return { skipped: true };
  if (!run.snapshotId) throw new PagewiseError("internal", "The dataset snapshot is missing.");
  const existing = await versionsOfRun(deps.db, run.projectId, run.id);
  if (MODEL_KINDS.every((k) => existing[k] && existing[k]!.status !== "pending")) {
    return { skipped: "already trained" };
  }
  const content = await readSnapshot(deps.db, deps.blobs, run.snapshotId);
  const docs = await loadSplit(deps.db, content, "train");
  if (docs.length === 0)
    throw new PagewiseError("not_enough_data", "The snapshot has no training documents.");
  const validationCount = content.documents.filter((d) => d.split === "validation").length;

  const provisional: Lineage = {
    trainingRunId: run.id,
    datasetSnapshotId: run.snapshotId,
    datasetHash: null,
    labelSchemaVersion: content.labelSchema.version,
    trainDocuments: docs.length,
    validationDocuments: validationCount,
    codeVersion: deps.codeVersion,
    hyperparameters: {},
    seed: deps.trainingSeed,
    backend: "pending",
    trainingDurationMs: 0,
    weightsHash: "",
    origin: "training",
  };
  const versions = { ...existing };
  for (const kind of MODEL_KINDS) {
    versions[kind] ??= await createModelVersion(deps.db, {
      projectId: run.projectId,
      kind,
      trainingRunId: run.id,
      lineage: provisional,
    });
  }

  const stageStartedAt = await enterStage(deps, run.id, "train", "starting the training thread");
  const tracker = new TrainProgressTracker(stageStartedAt);
  // Progress is written in order (a late write never overwrites a newer one) and at most twice
  // a second, except when a step changes or ends; the tracker sees every report (every loss).
  let writes: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  let lastStep = "";
  const result = await runTrainingTask(
    {
      op: "train",
      docs,
      labelSchema: content.labelSchema,
      seed: deps.trainingSeed,
      extractorMinSteps: deps.extractorMinSteps,
    },
    (p) => {
      const progress = tracker.update(p);
      const step = `${p.model}:${progress.step}`;
      const milestone = step !== lastStep || progress.fraction === 1;
      lastStep = step;
      if (!milestone && Date.now() - lastWrite < 500) return;
      lastWrite = Date.now();
      writes = writes
        .then(() => updateTrainingRun(deps.db, run.id, { progress }))
        .catch((err: unknown) => log.warn({ err }, "training progress not stored"));
    },
  );
  await writes;

  for (const kind of MODEL_KINDS) {
    const files = result[kind];
    const artifacts: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(files))
      artifacts[name] = (await deps.blobs.put(bytes)).key;
    const metadata = JSON.parse(new TextDecoder().decode(files["metadata.json"])) as {
      hyperparameters?: Record<string, unknown>;
      datasetHash?: string;
      trainingMs?: number;
    };
    const lineage: Lineage = {
      ...provisional,
      datasetHash: metadata.datasetHash ?? null,
      hyperparameters: metadata.hyperparameters ?? {},
      backend: result.backend,
      trainingDurationMs: metadata.trainingMs ?? result.durationMs,
      weightsHash: createHash("sha256").update(files["weights.bin"]!).digest("hex"),
    };
    const version = versions[kind]!;
    await markVersionReady(deps.db, version.id, { artifacts, lineage, metrics: null });
    await moveAlias(deps.db, {
      projectId: run.projectId,
      kind,
      alias: "challenger",
      version: version.version,
      actor: systemActor(run.id),
      reason: `trained on ${docs.length} documents (snapshot ${run.snapshotId})`,
    });
  }
  log.info(
    {
      trainingRunId: run.id,
      documents: docs.length,
      ms: result.durationMs,
      backend: result.backend,
    },
    "models trained",
  );
  return {
    classifier: versions.classifier!.version,
    extractor: versions.extractor!.version,
    ms: result.durationMs,
  };
};
