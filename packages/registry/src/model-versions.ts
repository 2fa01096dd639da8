import { type ModelKind, type ModelVersionStatus, newId } from "@pagewise/core";
import { type Db, encodeCursor, type Page, type PageQuery, requireCursor } from "@pagewise/storage";
import {
  type GateReport,
  GateReportSchema,
  type Lineage,
  LineageSchema,
  type ModelMetrics,
  ModelMetricsSchema,
  type ModelVersion,
} from "./model-types";
import { ensureRegisteredModel } from "./registered-models";

function versionQuery(db: Db) {
  return db
    .selectFrom("model_versions")
    .innerJoin("registered_models", "registered_models.id", "model_versions.registered_model_id")
    .selectAll("model_versions")
    .select(["registered_models.project_id", "registered_models.kind"]);
}
type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>["executeTakeFirstOrThrow"]>>;

async function aliasesOf(db: Db, versionIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (versionIds.length === 0) return map;
  const rows = await db
    .selectFrom("model_aliases")
    .select(["model_version_id", "alias"])
    .where("model_version_id", "in", versionIds)
    .execute();
  for (const r of rows)
    map.set(r.model_version_id, [...(map.get(r.model_version_id) ?? []), r.alias]);
  return map;
}

function toVersion(row: VersionRow, aliases: string[]): ModelVersion {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind as ModelKind,
    version: row.version,
    status: row.status as ModelVersionStatus,
    trainingRunId: row.training_run_id,
    artifacts: JSON.parse(row.artifacts) as Record<string, string>,
    lineage: LineageSchema.parse(JSON.parse(row.lineage)),
    metrics: row.metrics ? ModelMetricsSchema.parse(JSON.parse(row.metrics)) : null,
    gateReport: row.gate_report ? GateReportSchema.parse(JSON.parse(row.gate_report)) : null,
    error: row.error,
    aliases: aliases.sort(),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function withAliases(db: Db, rows: VersionRow[]): Promise<ModelVersion[]> {
  const aliases = await aliasesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toVersion(r, aliases.get(r.id) ?? []));
}

/**
 * Register the next version (`pending`) of a project's model. Version numbers are per model,
 * start at 1 and never repeat; a concurrent insert of the same number retries with the next.
 */
export async function createModelVersion(
  db: Db,
  input: {
    projectId: string;
    kind: ModelKind;
    trainingRunId: string | null;
    lineage: Lineage;
    status?: ModelVersionStatus;
  },
): Promise<ModelVersion> {
  const registeredModelId = await ensureRegisteredModel(db, input.projectId, input.kind);
  for (let attempt = 0; ; attempt++) {
    const last = await db
      .selectFrom("model_versions")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("registered_model_id", "=", registeredModelId)
      .executeTakeFirst();
    const now = new Date().toISOString();
    const id = newId("mv");
    try {
      await db
        .insertInto("model_versions")
        .values({
          id,
          registered_model_id: registeredModelId,
          version: Number(last?.v ?? 0) + 1,
          status: input.status ?? "pending",
          training_run_id: input.trainingRunId,
          artifacts: "{}",
          lineage: JSON.stringify(LineageSchema.parse(input.lineage)),
          metrics: null,
          gate_report: null,
          error: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return (await getModelVersionById(db, id))!;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

export async function getModelVersionById(db: Db, id: string): Promise<ModelVersion | null> {
  const row = await versionQuery(db).where("model_versions.id", "=", id).executeTakeFirst();
  return row ? (await withAliases(db, [row]))[0]! : null;
}

export async function getModelVersion(
  db: Db,
  projectId: string,
  kind: ModelKind,
  version: number,
): Promise<ModelVersion | null> {
  const row = await versionQuery(db)
    .where("registered_models.project_id", "=", projectId)
    .where("registered_models.kind", "=", kind)
    .where("model_versions.version", "=", version)
    .executeTakeFirst();
  return row ? (await withAliases(db, [row]))[0]! : null;
}

/** Newest first. */
export async function listModelVersions(
  db: Db,
  projectId: string,
  kind?: ModelKind,
): Promise<ModelVersion[]> {
  let q = versionQuery(db).where("registered_models.project_id", "=", projectId);
  if (kind) q = q.where("registered_models.kind", "=", kind);
  const rows = await q
    .orderBy("registered_models.kind")
    .orderBy("model_versions.version", "desc")
    .execute();
  return withAliases(db, rows);
}

/**
 * Uploaded versions still `pending` (waiting for `model.evaluate-upload`), last changed before
 * `updatedBefore`: the reconciler queues their evaluation again when Redis lost it.
 */
export async function listPendingUploads(db: Db, updatedBefore: string): Promise<ModelVersion[]> {
  const rows = await versionQuery(db)
    .where("model_versions.status", "=", "pending")
    .where("model_versions.training_run_id", "is", null)
    .where("model_versions.updated_at", "<", updatedBefore)
    .limit(100)
    .execute();
  return (await withAliases(db, rows)).filter((v) => v.lineage.origin === "upload");
}

/** One model's versions, newest first, keyset-paged on the version number. */
export async function listModelVersionsPage(
  db: Db,
  projectId: string,
  kind: ModelKind,
  query: PageQuery,
): Promise<Page<ModelVersion>> {
  let q = versionQuery(db)
    .where("registered_models.project_id", "=", projectId)
    .where("registered_models.kind", "=", kind);
  if (query.cursor) {
    const before = Number(requireCursor(query.cursor).key);
    q = q.where("model_versions.version", "<", Number.isInteger(before) ? before : 0);
  }
  const rows = await q
    .orderBy("model_versions.version", "desc")
    .limit(query.limit + 1)
    .execute();
  const items = await withAliases(db, rows.slice(0, query.limit));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.version, last.id) : null,
  };
}

/** Versions with artifacts (`ready` or `rejected`) newer than `after`: the newest `limit`. */
export async function listNewerVersions(
  db: Db,
  input: { projectId: string; kind: ModelKind; after: number; limit: number },
): Promise<ModelVersion[]> {
  const rows = await versionQuery(db)
    .where("registered_models.project_id", "=", input.projectId)
    .where("registered_models.kind", "=", input.kind)
    .where("model_versions.version", ">", input.after)
    .where("model_versions.status", "in", ["ready", "rejected"])
    .orderBy("model_versions.version", "desc")
    .limit(input.limit)
    .execute();
  return withAliases(db, rows);
}

/** Training finished: the artifacts, final lineage and metrics. A version is immutable after this. */
export async function markVersionReady(
  db: Db,
  id: string,
  input: { artifacts: Record<string, string>; lineage: Lineage; metrics: ModelMetrics | null },
): Promise<void> {
  await db
    .updateTable("model_versions")
    .set({
      status: "ready",
      artifacts: JSON.stringify(input.artifacts),
      lineage: JSON.stringify(LineageSchema.parse(input.lineage)),
      metrics: input.metrics ? JSON.stringify(input.metrics) : null,
      updated_at: new Date().toISOString(),
    })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/**
 * An uploaded version's artifacts, stored while it is still `pending` (it is scored on the
 * validation set before it becomes `ready`; see `model.evaluate-upload`).
 */
export async function attachPendingArtifacts(
  db: Db,
  id: string,
  artifacts: Record<string, string>,
): Promise<void> {
  await db
    .updateTable("model_versions")
    .set({ artifacts: JSON.stringify(artifacts), updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

export async function markVersionFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable("model_versions")
    .set({ status: "failed", error, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/** Record the gate's verdict; a failed gate turns a ready version into `rejected`. */
export async function recordGateReport(
  db: Db,
  id: string,
  report: GateReport,
  metrics: ModelMetrics,
): Promise<void> {
  await db
    .updateTable("model_versions")
    .set({
      gate_report: JSON.stringify(report),
      metrics: JSON.stringify(metrics),
      ...(report.passed ? {} : { status: "rejected" }),
      updated_at: new Date().toISOString(),
    })
    .where("id", "=", id)
    .where("status", "in", ["ready", "rejected"])
    .execute();
}
