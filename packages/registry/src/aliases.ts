import { type ModelAlias, type ModelKind, newId, PagewiseError } from "@pagewise/core";
import {
  type Db,
  encodeCursor,
  type NewAuditEvent,
  type Page,
  type PageQuery,
  pageOf,
  recordAuditEvent,
  requireCursor,
} from "@pagewise/storage";
import type { ModelVersion } from "./model-types";
import { getModelVersion, getModelVersionById } from "./model-versions";
import { findRegisteredModel } from "./registered-models";

export interface AliasMove {
  id: string;
  alias: ModelAlias;
  fromVersion: number | null;
  toVersion: number | null;
  /** A token id, or `system:<what>` for moves the platform made itself. */
  actor: string;
  reason: string;
  createdAt: string;
}

/** The version an alias points at, or null. */
export async function getAliasedVersion(
  db: Db,
  projectId: string,
  kind: ModelKind,
  alias: ModelAlias,
): Promise<ModelVersion | null> {
  const row = await db
    .selectFrom("model_aliases")
    .innerJoin("registered_models", "registered_models.id", "model_aliases.registered_model_id")
    .select("model_aliases.model_version_id")
    .where("registered_models.project_id", "=", projectId)
    .where("registered_models.kind", "=", kind)
    .where("model_aliases.alias", "=", alias)
    .executeTakeFirst();
  return row ? getModelVersionById(db, row.model_version_id) : null;
}

/**
 * Point an alias at a version (or remove it with `version: null`) and append the move to the
 * alias history, in one transaction. Only versions with artifacts (`ready`, or `rejected` on an
 * admin's explicit decision) can be aliased.
 */
export async function moveAlias(
  db: Db,
  input: {
    projectId: string;
    kind: ModelKind;
    alias: ModelAlias;
    version: number | null;
    actor: string;
    reason: string;
    /**
     * The audit-log entry of this move, written in the same transaction. Without it the move
     * is logged as made by `actor` (`system:<what>`: the platform; else a token id), with no
     * address: the API passes its own, with the request's origin.
     */
    audit?: (move: AliasMove) => NewAuditEvent;
  },
): Promise<AliasMove> {
  const registeredModelId = await findRegisteredModel(db, input.projectId, input.kind);
  if (!registeredModelId) throw new PagewiseError("not_found", `No ${input.kind} model yet.`);
  let target: ModelVersion | null = null;
  if (input.version !== null) {
    target = await getModelVersion(db, input.projectId, input.kind, input.version);
    if (!target) {
      throw new PagewiseError("not_found", `No ${input.kind} version ${input.version}.`);
    }
    if (target.status !== "ready" && target.status !== "rejected") {
      throw new PagewiseError(
        "conflict",
        `${input.kind} version ${input.version} is ${target.status}; only trained versions can serve.`,
      );
    }
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("model_aliases")
      .innerJoin("model_versions", "model_versions.id", "model_aliases.model_version_id")
      .select("model_versions.version")
      .where("model_aliases.registered_model_id", "=", registeredModelId)
      .where("model_aliases.alias", "=", input.alias)
      .executeTakeFirst();
    const now = new Date().toISOString();
    if (target) {
      await trx
        .insertInto("model_aliases")
        .values({
          registered_model_id: registeredModelId,
          alias: input.alias,
          model_version_id: target.id,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(["registered_model_id", "alias"])
            .doUpdateSet({ model_version_id: target.id, updated_at: now }),
        )
        .execute();
    } else {
      await trx
        .deleteFrom("model_aliases")
        .where("registered_model_id", "=", registeredModelId)
        .where("alias", "=", input.alias)
        .execute();
    }
    const move: AliasMove = {
      id: newId("alh"),
      alias: input.alias,
      fromVersion: current?.version ?? null,
      toVersion: target?.version ?? null,
      actor: input.actor,
      reason: input.reason,
      createdAt: now,
    };
    await trx
      .insertInto("alias_history")
      .values({
        id: move.id,
        registered_model_id: registeredModelId,
        alias: move.alias,
        from_version: move.fromVersion,
        to_version: move.toVersion,
        actor: move.actor,
        reason: move.reason,
        created_at: now,
      })
      .execute();
    const entry = input.audit ?? ((m: AliasMove) => defaultAliasAudit(input, m));
    await recordAuditEvent(trx, entry(move));
    return move;
  });
}

/** The audit-log action of an alias move: to a newer version, to an older one, or otherwise. */
export function aliasMoveAction(from: number | null, to: number | null): string {
  if (from !== null && to !== null && to < from) return "model.rolled_back";
  if (to !== null && (from === null || to > from)) return "model.promoted";
  return "model.alias_moved";
}

function defaultAliasAudit(
  input: { projectId: string; kind: ModelKind; actor: string; reason: string },
  move: AliasMove,
): NewAuditEvent {
  const system = input.actor.startsWith("system:");
  return {
    projectId: input.projectId,
    actor: { kind: system ? "system" : "token", id: input.actor, name: null },
    action: aliasMoveAction(move.fromVersion, move.toVersion),
    target: { type: "model", id: input.kind },
    details: {
      kind: input.kind,
      alias: move.alias,
      from: move.fromVersion,
      to: move.toVersion,
      reason: input.reason,
    },
  };
}

/** Every alias move of a model, oldest first. The history is append-only. */
export async function listAliasHistory(
  db: Db,
  projectId: string,
  kind: ModelKind,
): Promise<AliasMove[]> {
  const rows = await historyQuery(db, projectId, kind).orderBy("alias_history.id").execute();
  return rows.map(toMove);
}

/**
 * A page of a model's alias moves, keyset-paged on their id (ids grow with time): oldest first
 * (`asc`), or newest first (`desc`: "the last moves").
 */
export async function listAliasHistoryPage(
  db: Db,
  projectId: string,
  kind: ModelKind,
  query: PageQuery & { order?: "asc" | "desc" | undefined },
): Promise<Page<AliasMove>> {
  const order = query.order ?? "asc";
  let q = historyQuery(db, projectId, kind);
  if (query.cursor) {
    const after = requireCursor(query.cursor);
    q = q.where("alias_history.id", order === "asc" ? ">" : "<", after.id);
  }
  const rows = await q
    .orderBy("alias_history.id", order)
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, toMove, (m) => encodeCursor(m.createdAt, m.id));
}

function historyQuery(db: Db, projectId: string, kind: ModelKind) {
  return db
    .selectFrom("alias_history")
    .innerJoin("registered_models", "registered_models.id", "alias_history.registered_model_id")
    .selectAll("alias_history")
    .where("registered_models.project_id", "=", projectId)
    .where("registered_models.kind", "=", kind);
}

type HistoryRow = Awaited<ReturnType<ReturnType<typeof historyQuery>["executeTakeFirstOrThrow"]>>;

function toMove(r: HistoryRow): AliasMove {
  return {
    id: r.id,
    alias: r.alias as ModelAlias,
    fromVersion: r.from_version,
    toVersion: r.to_version,
    actor: r.actor,
    reason: r.reason,
    createdAt: r.created_at,
  };
}
