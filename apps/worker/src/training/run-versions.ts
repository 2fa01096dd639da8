import type { ModelKind } from "@pagewise/core";
import { listModelVersions, type ModelVersion } from "@pagewise/registry";
import type { Db } from "@pagewise/storage";

export const MODEL_KINDS: readonly ModelKind[] = ["classifier", "extractor"];

/** The versions a retraining run made, by kind. */
export async function versionsOfRun(
  db: Db,
  projectId: string,
  trainingRunId: string,
): Promise<Partial<Record<ModelKind, ModelVersion>>> {
  const mine = (await listModelVersions(db, projectId)).filter(
    (v) => v.trainingRunId === trainingRunId,
  );
  return Object.fromEntries(mine.map((v) => [v.kind, v]));
}

export const systemActor = (trainingRunId: string) => `system:training-run:${trainingRunId}`;
