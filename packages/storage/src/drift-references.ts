import { type DriftProfile, DriftProfileSchema } from "@pagewise/core";
import type { Db } from "./schema";
import { nowIso } from "./time";

/** The champions a reference belongs to; null: no champion of that kind. */
export interface ChampionPair {
  classifierVersionId: string | null;
  extractorVersionId: string | null;
}

const key = (pair: ChampionPair) => ({
  classifier_version_id: pair.classifierVersionId ?? "",
  extractor_version_id: pair.extractorVersionId ?? "",
});

/** Store the reference profile of a pair of champions (a rebuilt one replaces the old). */
export async function saveDriftReference(
  db: Db,
  input: { projectId: string; champions: ChampionPair; profile: DriftProfile },
): Promise<void> {
  const values = {
    project_id: input.projectId,
    ...key(input.champions),
    profile: JSON.stringify(input.profile),
    created_at: nowIso(),
  };
  await db
    .insertInto("drift_references")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["project_id", "classifier_version_id", "extractor_version_id"])
        .doUpdateSet({ profile: values.profile, created_at: values.created_at }),
    )
    .execute();
}

export async function getDriftReference(
  db: Db,
  projectId: string,
  champions: ChampionPair,
): Promise<{ profile: DriftProfile; createdAt: string } | null> {
  const k = key(champions);
  const row = await db
    .selectFrom("drift_references")
    .select(["profile", "created_at"])
    .where("project_id", "=", projectId)
    .where("classifier_version_id", "=", k.classifier_version_id)
    .where("extractor_version_id", "=", k.extractor_version_id)
    .executeTakeFirst();
  return row
    ? { profile: DriftProfileSchema.parse(JSON.parse(row.profile)), createdAt: row.created_at }
    : null;
}
