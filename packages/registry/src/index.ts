export {
  type AliasMove,
  aliasMoveAction,
  getAliasedVersion,
  listAliasHistory,
  listAliasHistoryPage,
  moveAlias,
} from "./aliases";
export { classScores } from "./class-scores";
export {
  type Assignment,
  assignSplits,
  createDatasetSnapshot,
  type DatasetSnapshotRecord,
  getDatasetSnapshot,
  getLatestDatasetSnapshot,
  getSplit,
  listSplitDocuments,
  pinSplit,
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
  attachPendingArtifacts,
  createModelVersion,
  getModelVersion,
  getModelVersionById,
  listModelVersions,
  listModelVersionsPage,
  listPendingUploads,
  markVersionFailed,
  markVersionReady,
  recordGateReport,
} from "./model-versions";
export { summarizeLiveAccuracy } from "./monitoring/live-accuracy";
export {
  type MonitoringGauges,
  monitoringGauges,
  projectMonitoringGauges,
} from "./monitoring/monitoring-gauges";
export { getMonitoringReport, shadowComparisonOf } from "./monitoring/monitoring-report";
export {
  type DriftReport,
  DriftReportSchema,
  type FieldCounts,
  FieldCountsSchema,
  type LiveAccuracy,
  LiveAccuracySchema,
  type MonitoringAlert,
  MonitoringAlertSchema,
  type MonitoringReport,
  MonitoringReportSchema,
  type ShadowComparison,
  ShadowComparisonSchema,
} from "./monitoring/monitoring-types";
export { DEFAULT_MONITORING_WINDOW, parseWindow, WINDOW_PATTERN } from "./monitoring/parse-window";
export { compareShadow, sameValue } from "./monitoring/shadow-comparison";
export {
  MAX_NEW_VERSIONS_IN_SHADOW,
  shadowVersionsFor,
} from "./monitoring/shadow-versions";
export { ensureRegisteredModel } from "./registered-models";
export { retrainingQuotaError } from "./retraining-quota";
export {
  type EpochLosses,
  finishTrainingRun,
  getActiveTrainingRun,
  getLatestTrainingRun,
  getTrainingRun,
  listTrainingRuns,
  listTrainingRunsPage,
  type ModelOutcome,
  startTrainingRun,
  TRAINING_RUN_STAGES,
  TRAINING_TRIGGERS,
  type TrainingOutcome,
  type TrainingProgress,
  type TrainingRun,
  type TrainingRunStatus,
  type TrainingStage,
  type TrainingTrigger,
  updateTrainingRun,
} from "./training-runs";
export {
  MODEL_ARTIFACT_FILES,
  type ModelArtifactMetadata,
  validateModelArtifacts,
} from "./validate-model-artifacts";
