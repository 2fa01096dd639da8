import type { ModelVersion, TrainingRun } from "@pagewise/registry";

/** The API's shape of a model version: artifact names, not blob keys. */
export function toModelVersionView(v: ModelVersion) {
  return {
    kind: v.kind,
    version: v.version,
    status: v.status,
    aliases: v.aliases,
    trainingRunId: v.trainingRunId,
    artifacts: Object.keys(v.artifacts).sort(),
    lineage: v.lineage,
    metrics: v.metrics,
    gateReport: v.gateReport,
    error: v.error,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function toTrainingRunView(run: TrainingRun) {
  const { projectId: _, reviewsAtStart: __, ...view } = run;
  return view;
}
