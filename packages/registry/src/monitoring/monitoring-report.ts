import { compareDrift, type ModelKind } from "@pagewise/core";
import {
  type Db,
  getDriftReference,
  listDocumentObservations,
  listLiveReviews,
  listShadowResults,
  type Project,
} from "@pagewise/storage";
import { getAliasedVersion } from "../aliases";
import type { ModelVersion } from "../model-types";
import { summarizeLiveAccuracy } from "./live-accuracy";
import type {
  DriftReport,
  LiveAccuracy,
  MonitoringAlert,
  MonitoringReport,
  ShadowComparison,
} from "./monitoring-types";
import { parseWindow } from "./parse-window";
import { compareShadow } from "./shadow-comparison";

/** Bounded scans: the newest this many reviews / observations / shadow results of a window. */
const MAX_REVIEWS = 5_000;
const MAX_OBSERVATIONS = 2_000;
const MAX_SHADOW = 1_000;

/** Champion against a version (the challenger, or a new one) on the live documents it shadowed. */
export async function shadowComparisonOf(
  db: Db,
  project: Project,
  kind: ModelKind,
  challenger: ModelVersion,
): Promise<ShadowComparison> {
  const shadow = await listShadowResults(db, {
    modelVersionId: challenger.id,
    limit: MAX_SHADOW,
  });
  const reviews = await listLiveReviews(db, {
    projectId: project.id,
    documentIds: shadow.map((s) => s.documentId),
    limit: MAX_SHADOW * 4,
  });
  return compareShadow({
    kind,
    challengerVersion: challenger.version,
    shadow,
    reviews,
    tolerance: project.settings.gate.fieldTolerance,
    // The challenger's shadow period decides its promotion; a new version shadowing by
    // `shadowNewVersions` predicts that many documents, all of which are wanted reviewed.
    required: challenger.aliases.includes("challenger")
      ? project.settings.monitoring.shadowDocuments
      : project.settings.monitoring.shadowNewVersions,
    labelSchema: project.labelSchema,
  });
}

async function driftReport(
  db: Db,
  project: Project,
  since: string,
  champions: Record<ModelKind, ModelVersion | null>,
): Promise<DriftReport & { oldest: string | null }> {
  const settings = project.settings.monitoring;
  const thresholds = {
    warnPsi: settings.driftWarnPsi,
    alertPsi: settings.driftAlertPsi,
    minDocuments: settings.driftMinDocuments,
  };
  const pair = {
    classifierVersionId: champions.classifier?.id ?? null,
    extractorVersionId: champions.extractor?.id ?? null,
  };
  const reference = await getDriftReference(db, project.id, pair);
  const live = await listDocumentObservations(db, {
    projectId: project.id,
    since,
    ...pair,
    limit: MAX_OBSERVATIONS,
  });
  return {
    reference: reference && {
      classifierVersion: champions.classifier?.version ?? null,
      extractorVersion: champions.extractor?.version ?? null,
      documents: reference.profile.documents,
      createdAt: reference.createdAt,
    },
    documents: live.length,
    thresholds,
    signals: reference
      ? compareDrift(
          reference.profile,
          live.map((o) => o.observation),
          thresholds,
        )
      : [],
    oldest: live.at(-1)?.createdAt ?? null,
  };
}

function alertsOf(
  project: Project,
  now: string,
  live: LiveAccuracy,
  oldestReview: string | null,
  drift: DriftReport & { oldest: string | null },
  shadow: readonly ShadowComparison[],
  hasChampion: boolean,
): MonitoringAlert[] {
  const alerts: MonitoringAlert[] = [];
  const settings = project.settings.monitoring;
  for (const s of drift.signals) {
    if (s.status === "ok") continue;
    alerts.push({
      code: "drift",
      severity: s.status,
      subject: s.name,
      since: drift.oldest ?? now,
      message: `${s.name}: PSI ${s.psi.toFixed(3)} against the reference (${s.observations} live, ${s.referenceObservations} reference observations; p ${s.pValue.toExponential(1)}, adjusted ${s.adjustedPValue.toExponential(1)}).`,
    });
  }
  if (hasChampion && !drift.reference) {
    alerts.push({
      code: "no_drift_reference",
      severity: "info",
      subject: "champion",
      since: now,
      message:
        "The current champions have no drift reference yet: the worker builds one from the validation documents (within retrainCheckIntervalSeconds, once there are any).",
    });
  }
  const all = live.samples.reduce(
    (a, s) => ({ kept: a.kept + s.kept, predicted: a.predicted + s.predicted }),
    { kept: 0, predicted: 0 },
  );
  const keptShare = all.predicted === 0 ? null : all.kept / all.predicted;
  if (
    settings.retrainBelowAccuracy > 0 &&
    keptShare !== null &&
    live.documents >= settings.accuracyMinDocuments &&
    keptShare < settings.retrainBelowAccuracy
  ) {
    alerts.push({
      code: "live_accuracy_low",
      severity: "alert",
      subject: "extractor",
      since: oldestReview ?? now,
      message: `Reviewers kept ${(keptShare * 100).toFixed(1)}% of predicted values over ${live.documents} documents, below ${(settings.retrainBelowAccuracy * 100).toFixed(1)}%.`,
    });
  }
  for (const c of shadow) {
    if (c.worse.length === 0) continue;
    alerts.push({
      code: "shadow_worse",
      severity: "warn",
      subject: c.kind,
      since: now,
      message: `Challenger ${c.kind} v${c.challengerVersion} does worse than the champion on ${c.worse.join(", ")} over ${c.documents} reviewed documents.`,
    });
  }
  return alerts;
}

/**
 * The project's model monitoring over a window (`7d`, `24h`, `30m`): live accuracy from
 * people's reviews, drift of live documents against the champions' reference profile, the
 * challengers' shadow comparison, and the alerts these raise. Reads only; bounded scans.
 */
export async function getMonitoringReport(
  db: Db,
  project: Project,
  window: string,
  now = new Date(),
): Promise<MonitoringReport> {
  const to = now.toISOString();
  const since = new Date(now.getTime() - parseWindow(window)).toISOString();
  const reviews = await listLiveReviews(db, { projectId: project.id, since, limit: MAX_REVIEWS });
  const liveAccuracy = summarizeLiveAccuracy(reviews, { from: since, to });
  const champions = {
    classifier: await getAliasedVersion(db, project.id, "classifier", "champion"),
    extractor: await getAliasedVersion(db, project.id, "extractor", "champion"),
  };
  const { oldest, ...drift } = await driftReport(db, project, since, champions);
  const shadow: ShadowComparison[] = [];
  for (const kind of ["classifier", "extractor"] as const) {
    const challenger = await getAliasedVersion(db, project.id, kind, "challenger");
    if (challenger) shadow.push(await shadowComparisonOf(db, project, kind, challenger));
  }
  const alerts = alertsOf(
    project,
    to,
    liveAccuracy,
    reviews.at(-1)?.createdAt ?? null,
    { ...drift, oldest },
    shadow,
    champions.classifier !== null || champions.extractor !== null,
  );
  return { window, liveAccuracy, drift, shadow, alerts };
}
