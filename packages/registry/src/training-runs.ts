import { newId } from "@pagewise/core";
import type { Db } from "@pagewise/storage";
import type { Selectable } from "kysely";

export type TrainingRunStatus = "queued" | "running" | "succeeded" | "failed";
export type TrainingTrigger = "schedule" | "admin";

export interface TrainingProgress {
  stage: "queued" | "snapshot" | "train" | "evaluate" | "promote" | "done";
  message: string;
  epoch?: number;
  epochs?: number;
  loss?: number;
  model?: string;
}

export interface TrainingOutcome {
  classifier?: { version: number; promoted: boolean };
  extractor?: { version: number; promoted: boolean };
}

export interface TrainingRun {
  id: string;
  projectId: string;
  status: TrainingRunStatus;
  trigger: TrainingTrigger;
  actor: string;
  snapshotId: string | null;
  reviewsAtStart: number;
  progress: TrainingProgress;
  outcome: TrainingOutcome | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

type Row = Selectable<import("@pagewise/storage").Database["training_runs"]>;

function toRun(row: Row): TrainingRun {
  return {
    id: row.id,
    projectId: row.project_id,
    status: row.status as TrainingRunStatus,
    trigger: row.trigger as TrainingTrigger,
    actor: row.actor,
    snapshotId: row.snapshot_id,
    reviewsAtStart: row.reviews_at_start,
    progress: JSON.parse(row.progress) as TrainingProgress,
    outcome: row.outcome ? (JSON.parse(row.outcome) as TrainingOutcome) : null,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/**
 * Start a retraining unless one is already running for the project: the lock row (primary key
 * = project) is inserted in the same transaction as the run, so two starters cannot both win.
 * Returns the running one (`created: false`) when the project is busy.
 */
export async function startTrainingRun(
  db: Db,
  input: { projectId: string; trigger: TrainingTrigger; actor: string; reviewsAtStart: number },
): Promise<{ run: TrainingRun; created: boolean }> {
  const now = new Date().toISOString();
  const row: Row = {
    id: newId("trn"),
    project_id: input.projectId,
    status: "queued",
    trigger: input.trigger,
    actor: input.actor,
    snapshot_id: null,
    reviews_at_start: input.reviewsAtStart,
    progress: JSON.stringify({ stage: "queued", message: "waiting for a worker" }),
    outcome: null,
    error: null,
    created_at: now,
    started_at: null,
    finished_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("training_locks")
        .values({ project_id: input.projectId, training_run_id: row.id, created_at: now })
        .execute();
      await trx.insertInto("training_runs").values(row).execute();
    });
    return { run: toRun(row), created: true };
  } catch (error) {
    const active = await getActiveTrainingRun(db, input.projectId);
    if (active) return { run: active, created: false };
    throw error;
  }
}

export async function getActiveTrainingRun(db: Db, projectId: string): Promise<TrainingRun | null> {
  const lock = await db
    .selectFrom("training_locks")
    .select("training_run_id")
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  return lock ? getTrainingRun(db, lock.training_run_id) : null;
}

export async function getTrainingRun(db: Db, id: string): Promise<TrainingRun | null> {
  const row = await db
    .selectFrom("training_runs")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function listTrainingRuns(
  db: Db,
  projectId: string,
  limit = 50,
): Promise<TrainingRun[]> {
  const rows = await db
    .selectFrom("training_runs")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

/** The latest run of the project (any status): feedback is counted from its start. */
export async function getLatestTrainingRun(db: Db, projectId: string): Promise<TrainingRun | null> {
  return (await listTrainingRuns(db, projectId, 1))[0] ?? null;
}

export async function updateTrainingRun(
  db: Db,
  id: string,
  patch: { status?: "running"; progress?: TrainingProgress; snapshotId?: string },
): Promise<void> {
  await db
    .updateTable("training_runs")
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.status === "running" ? { started_at: new Date().toISOString() } : {}),
      ...(patch.progress ? { progress: JSON.stringify(patch.progress) } : {}),
      ...(patch.snapshotId ? { snapshot_id: patch.snapshotId } : {}),
    })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .execute();
}

/** End a run and release the project's lock, in one transaction. Only the first call counts. */
export async function finishTrainingRun(
  db: Db,
  id: string,
  result: { status: "succeeded" | "failed"; outcome?: TrainingOutcome; error?: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("training_runs")
      .set({
        status: result.status,
        outcome: result.outcome ? JSON.stringify(result.outcome) : null,
        error: result.error ?? null,
        finished_at: new Date().toISOString(),
        progress: JSON.stringify({
          stage: "done",
          message: result.status === "succeeded" ? "finished" : (result.error ?? "failed"),
        }),
      })
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    await trx.deleteFrom("training_locks").where("training_run_id", "=", id).execute();
    return Number(updated.numUpdatedRows) > 0;
  });
}
