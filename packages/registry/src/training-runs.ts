import { newId } from "@pagewise/core";
import {
  type Db,
  encodeCursor,
  type Page,
  type PageQuery,
  pageOf,
  pastCursor,
} from "@pagewise/storage";
import type { Selectable } from "kysely";

export type TrainingRunStatus = "queued" | "running" | "succeeded" | "failed";
/**
 * Why a retraining started: `schedule` (enough feedback), `admin` (started by hand), `bootstrap`
 * (labeled documents and no champion yet: the project's first model).
 */
export const TRAINING_TRIGGERS = ["schedule", "admin", "bootstrap", "drift", "accuracy"] as const;
export type TrainingTrigger = (typeof TRAINING_TRIGGERS)[number];

export const TRAINING_RUN_STAGES = [
  "queued",
  "snapshot",
  "train",
  "evaluate",
  "promote",
  "done",
] as const;
export type TrainingStage = (typeof TRAINING_RUN_STAGES)[number];

/** Loss of every finished epoch, per model (index 0 = epoch 1). */
export type EpochLosses = Partial<Record<"classifier" | "extractor", number[]>>;

export interface TrainingProgress {
  stage: TrainingStage;
  message: string;
  epoch?: number;
  epochs?: number;
  loss?: number;
  model?: string;
  /** What the train stage is doing: preparing features, or fitting epochs. */
  step?: "featurize" | "epoch";
  /** Share of the current step done, 0–1 (features prepared, or epochs finished). */
  fraction?: number;
  /** When the current stage began (ISO 8601). */
  stageStartedAt?: string;
  /** Estimated milliseconds left in the current step, from its pace so far. */
  remainingMs?: number;
  /** Every finished epoch's loss, per model: kept when the run ends. */
  losses?: EpochLosses;
}

export interface ModelOutcome {
  version: number;
  promoted: boolean;
  /** Why the version was not promoted (the gate's reasons), or how it was. */
  reason?: string;
  /** Passed the gate and waits as challenger for its shadow period. */
  shadow?: boolean;
}

/** Per model: the version made and whether it became champion (`shadow`: it waits as challenger). */
export interface TrainingOutcome {
  classifier?: ModelOutcome;
  extractor?: ModelOutcome;
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
  // The insert fails when the project is busy; the run holding the lock may end between that
  // failure and the read, so try again rather than answer an error for a free project.
  for (let attempt = 0; ; attempt++) {
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
      if (attempt >= 2) throw error;
    }
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

/** The project's runs, newest first, keyset-paged on (created_at, id). */
export async function listTrainingRunsPage(
  db: Db,
  projectId: string,
  query: PageQuery,
): Promise<Page<TrainingRun>> {
  let q = db.selectFrom("training_runs").selectAll().where("project_id", "=", projectId);
  if (query.cursor) q = q.where(pastCursor(query.cursor, "desc"));
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, toRun, (r) => encodeCursor(r.createdAt, r.id));
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
  let progress = patch.progress;
  if (progress && !progress.losses) {
    // Later stages keep the loss curve the train stage recorded.
    const before = await getTrainingRun(db, id);
    if (before?.progress.losses) progress = { ...progress, losses: before.progress.losses };
  }
  await db
    .updateTable("training_runs")
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.status === "running" ? { started_at: new Date().toISOString() } : {}),
      ...(progress ? { progress: JSON.stringify(progress) } : {}),
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
    const before = await trx
      .selectFrom("training_runs")
      .select("progress")
      .where("id", "=", id)
      .executeTakeFirst();
    // The loss curve outlives the run: the finished run still shows how its models learned.
    const losses = before ? (JSON.parse(before.progress) as TrainingProgress).losses : undefined;
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
          ...(losses ? { losses } : {}),
        } satisfies TrainingProgress),
      })
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    await trx.deleteFrom("training_locks").where("training_run_id", "=", id).execute();
    return Number(updated.numUpdatedRows) > 0;
  });
}
