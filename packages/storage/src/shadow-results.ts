import { documentCipher, documentCiphers } from "./encryption/field-encryption";
import type { Db } from "./schema";
import { nowIso } from "./time";

export interface ShadowResult<T = unknown> {
  documentId: string;
  kind: "classification" | "extraction";
  modelVersionId: string;
  modelVersion: number;
  data: T;
  createdAt: string;
}

/** Store a challenger's prediction on a live document (never served); idempotent per version. */
export async function saveShadowResult(
  db: Db,
  input: Omit<ShadowResult, "createdAt"> & { projectId: string },
): Promise<void> {
  const cipher = await documentCipher(db, input.documentId, { create: true });
  const values = {
    document_id: input.documentId,
    kind: input.kind,
    model_version_id: input.modelVersionId,
    model_version: input.modelVersion,
    project_id: input.projectId,
    data: cipher.encrypt("shadow_results.data", JSON.stringify(input.data)),
    created_at: nowIso(),
  };
  await db
    .insertInto("shadow_results")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["document_id", "kind", "model_version_id"]).doUpdateSet({ data: values.data }),
    )
    .execute();
}

/** A version's shadow predictions, newest first, at most `limit`. */
export async function listShadowResults(
  db: Db,
  input: { modelVersionId: string; since?: string; limit: number },
): Promise<ShadowResult[]> {
  let q = db
    .selectFrom("shadow_results")
    .selectAll()
    .where("model_version_id", "=", input.modelVersionId);
  if (input.since) q = q.where("created_at", ">=", input.since);
  const rows = await q.orderBy("created_at", "desc").limit(input.limit).execute();
  const cipherOf = await documentCiphers(
    db,
    rows.map((row) => row.document_id),
  );
  return rows.map((row) => ({
    documentId: row.document_id,
    kind: row.kind as ShadowResult["kind"],
    modelVersionId: row.model_version_id,
    modelVersion: row.model_version,
    data: JSON.parse(cipherOf(row.document_id).decrypt("shadow_results.data", row.data)) as unknown,
    createdAt: row.created_at,
  }));
}

/** How many live documents each version predicted in the shadow (versions without any: 0). */
export async function countShadowResults(
  db: Db,
  modelVersionIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map(modelVersionIds.map((id) => [id, 0]));
  if (modelVersionIds.length === 0) return counts;
  const rows = await db
    .selectFrom("shadow_results")
    .select(["model_version_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("model_version_id", "in", [...modelVersionIds])
    .groupBy("model_version_id")
    .execute();
  for (const row of rows) counts.set(row.model_version_id, Number(row.n));
  return counts;
}
