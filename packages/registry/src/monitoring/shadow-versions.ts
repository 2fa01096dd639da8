import type { ModelKind } from "@pagewise/core";
import { countShadowResults, type Db, type Project } from "@pagewise/storage";
import { getAliasedVersion } from "../aliases";
import type { ModelVersion } from "../model-types";
import { listNewerVersions } from "../model-versions";

/**
 * Of the versions newer than the champion, only this many (the newest) may shadow besides the
 * challenger: each runs a model on every live document, so the cost per document stays bounded
 * (the champion, the challenger and at most two more) however many versions a project pushes.
 */
export const MAX_NEW_VERSIONS_IN_SHADOW = 2;

/**
 * The versions that predict a live document in the shadow of `champion`, without serving:
 * - the `challenger`, for as long as it is challenger;
 * - with `monitoring.shadowNewVersions` = N > 0, each version newer than the champion with
 *   artifacts (`ready`, or `rejected` by the gate) and among the
 *   {@link MAX_NEW_VERSIONS_IN_SHADOW} newest of those, until it has predicted N live documents.
 *   A version that two newer ones push out of that window stops (it was not the newest any
 *   more); concurrent jobs may each see N − 1 and overshoot N by a document or two.
 */
export async function shadowVersionsFor(
  db: Db,
  project: Project,
  kind: ModelKind,
  champion: Pick<ModelVersion, "id" | "version">,
): Promise<ModelVersion[]> {
  const chosen: ModelVersion[] = [];
  const challenger = await getAliasedVersion(db, project.id, kind, "challenger");
  if (challenger && challenger.id !== champion.id) chosen.push(challenger);
  const n = project.settings.monitoring.shadowNewVersions;
  if (n <= 0) return chosen;
  const newer = (
    await listNewerVersions(db, {
      projectId: project.id,
      kind,
      after: champion.version,
      limit: MAX_NEW_VERSIONS_IN_SHADOW,
    })
  ).filter((v) => v.id !== challenger?.id);
  const counts = await countShadowResults(
    db,
    newer.map((v) => v.id),
  );
  for (const v of newer) if ((counts.get(v.id) ?? 0) < n) chosen.push(v);
  return chosen;
}
