import { getAliasedVersion, moveAlias, shadowComparisonOf } from "@pagewise/registry";
import { type Project, recordEvent } from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";

const ACTOR = "system:shadow-period";

/**
 * End the shadow period of challengers that passed the gate (project setting
 * `monitoring.shadowDocuments` > 0): once that many shadowed live documents are reviewed, a
 * challenger with no field worse than the champion's becomes champion; one with a worse field is
 * let go (the alias is cleared, the version stays). Until then it keeps waiting. Returns whether
 * a champion moved.
 */
export async function endShadowPeriods(
  deps: WorkerDeps,
  log: Logger,
  project: Project,
): Promise<boolean> {
  const required = project.settings.monitoring.shadowDocuments;
  if (required === 0) return false;
  let moved = false;
  for (const kind of ["classifier", "extractor"] as const) {
    const challenger = await getAliasedVersion(deps.db, project.id, kind, "challenger");
    if (!challenger?.gateReport?.passed || challenger.status !== "ready") continue;
    const comparison = await shadowComparisonOf(deps.db, project, kind, challenger);
    if (comparison.documents < required) continue;
    const worse = comparison.worse.join(", ");
    if (comparison.passed) {
      await moveAlias(deps.db, {
        projectId: project.id,
        kind,
        alias: "champion",
        version: challenger.version,
        actor: ACTOR,
        reason: `shadow period passed: ${comparison.documents} reviewed live documents, no field worse`,
      });
      moved = true;
    }
    await moveAlias(deps.db, {
      projectId: project.id,
      kind,
      alias: "challenger",
      version: null,
      actor: ACTOR,
      reason: comparison.passed ? "promoted after its shadow period" : `worse in shadow: ${worse}`,
    });
    await recordEvent(deps.db, {
      projectId: project.id,
      type: "model.shadow_period_ended",
      actor: ACTOR,
      data: {
        kind,
        version: challenger.version,
        promoted: comparison.passed,
        documents: comparison.documents,
        worse: comparison.worse,
      },
    });
    log.info(
      { projectId: project.id, kind, version: challenger.version, promoted: comparison.passed },
      "shadow period ended",
    );
  }
  return moved;
}
