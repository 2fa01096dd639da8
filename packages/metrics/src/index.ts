export {
  CONSUME_OUTCOMES,
  type ConsumeOutcome,
  initConsumeMetrics,
  recordConsumedFile,
  recordConsumeScan,
} from "./consume-metrics";
export { recordHttpRequest } from "./http-metrics";
export { initJobMetrics, type JobOutcome, recordJob } from "./job-metrics";
export { exposedSeriesNames, METRIC_CONTRACT, type PagewiseMetricName } from "./metric-contract";
export {
  type MetricsServer,
  type MetricsServerOptions,
  startMetricsServer,
} from "./metrics-server";
export {
  clearModelMonitoring,
  setDriftPsi,
  setDriftStatus,
  setModelLiveAccuracy,
} from "./model-metrics";
export {
  initPipelineMetrics,
  recordDocumentFinished,
  recordInference,
  recordIngestRead,
  recordPageRead,
  recordTrainingRun,
  recordVendorMemoryFields,
  recordVendorMemoryLearned,
  type TrainingRunOutcome,
  type VendorMemoryTeacher,
} from "./pipeline-metrics";
export { QUEUE_STATES, unwatchQueues, type WatchedQueue, watchQueues } from "./queue-metrics";
export { initQuotaMetrics, QUOTA_NAMES, recordQuotaRefusal } from "./quota-metrics";
export { recordRateLimitFailOpen } from "./rate-limit-metrics";
export { READER_THREAD_STATES, type ReaderPoolStats, watchReaderPool } from "./reader-metrics";
export {
  metricsEnabled,
  registry,
  renderMetrics,
  setMetricsEnabled,
  startProcessMetrics,
} from "./registry";
export {
  decideScrape,
  isLoopbackAddress,
  type ScrapeDecision,
  type ScrapeRequest,
} from "./scrape-access";
export { recordBlobSweep, recordDocumentsExpired } from "./storage-metrics";
export {
  initWebhookMetrics,
  recordWebhookDelivery,
  type WebhookDeliveryOutcome,
} from "./webhook-metrics";
