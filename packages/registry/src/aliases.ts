import { type ModelAlias, type ModelKind, newId, PagewiseError } from "@pagewise/core";
import type { Db } from "@pagewise/storage";
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
    return move;
  });
}

/** Every alias move of a model, oldest first. The history is append-only. */
export async function listAliasHistory(
  db: Db,
  projectId: string,
  kind: ModelKind,
): Promise<AliasMove[]> {
  const rows = await db
    .selectFrom("alias_history")
    .innerJoin("registered_models", "registered_models.id", "alias_history.registered_model_id")
    .selectAll("alias_history")
    .where("registered_models.project_id", "=", projectId)
    .where("registered_models.kind", "=", kind)
    .orderBy("alias_history.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    alias: r.alias as ModelAlias,
    fromVersion: r.from_version,
    toVersion: r.to_version,
    actor: r.actor,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}
