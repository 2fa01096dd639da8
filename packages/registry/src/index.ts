export { type AliasMove, getAliasedVersion, listAliasHistory, moveAlias } from "./aliases";
export {
  type Assignment,
  assignSplits,
  createDatasetSnapshot,
  type DatasetSnapshotRecord,
  getDatasetSnapshot,
  type Split,
} from "./dataset-splits";
export { evaluateGate } from "./gate";
export {
  type GateReport,
  GateReportSchema,
  type Lineage,
  LineageSchema,
  type ModelMetrics,
  ModelMetricsSchema,
  type ModelVersion,
} from "./model-types";
export {
  createModelVersion,
  getModelVersion,
  getModelVersionById,
  listModelVersions,
  markVersionFailed,
  markVersionReady,
  recordGateReport,
} from "./model-versions";
export { ensureRegisteredModel } from "./registered-models";
export {
  finishTrainingRun,
  getActiveTrainingRun,
  getLatestTrainingRun,
  getTrainingRun,
  listTrainingRuns,
  startTrainingRun,
  type TrainingOutcome,
  type TrainingProgress,
  type TrainingRun,
  type TrainingRunStatus,
  type TrainingTrigger,
  updateTrainingRun,
} from "./training-runs";
