/**
 * The metric names and labels Pagewise promises (docs/metrics.md): dashboards and alert rules
 * rely on them, and a test keeps this list, the registry and deploy/grafana in step.
 */
export const METRIC_CONTRACT = [
  { name: "pagewise_http_requests_total", type: "counter", labels: ["method", "route", "status"] },
  {
    name: "pagewise_http_request_duration_seconds",
    type: "histogram",
    labels: ["method", "route"],
  },
  { name: "pagewise_queue_jobs", type: "gauge", labels: ["queue", "state"] },
  { name: "pagewise_queue_oldest_waiting_seconds", type: "gauge", labels: ["queue"] },
  { name: "pagewise_job_duration_seconds", type: "histogram", labels: ["job_name", "outcome"] },
  { name: "pagewise_job_wait_seconds", type: "histogram", labels: ["job_name"] },
  { name: "pagewise_documents_total", type: "counter", labels: ["project", "status"] },
  { name: "pagewise_pages_read_total", type: "counter", labels: ["source"] },
  { name: "pagewise_ingest_read_seconds", type: "histogram", labels: [] },
  { name: "pagewise_ocr_page_seconds", type: "histogram", labels: [] },
  { name: "pagewise_reader_threads", type: "gauge", labels: ["state"] },
  { name: "pagewise_reader_waiting_requests", type: "gauge", labels: [] },
  { name: "pagewise_reader_memory_limit_bytes", type: "gauge", labels: [] },
  { name: "pagewise_inference_seconds", type: "histogram", labels: ["kind"] },
  { name: "pagewise_training_runs_total", type: "counter", labels: ["project", "outcome"] },
  { name: "pagewise_vendor_memory_learned_total", type: "counter", labels: ["from"] },
  { name: "pagewise_vendor_memory_fields_total", type: "counter", labels: [] },
  { name: "pagewise_model_live_accuracy", type: "gauge", labels: ["project", "kind", "field"] },
  { name: "pagewise_model_drift_psi", type: "gauge", labels: ["project", "signal"] },
  { name: "pagewise_model_drift_status", type: "gauge", labels: ["project", "signal"] },
  { name: "pagewise_orphan_blobs_removed_total", type: "counter", labels: [] },
  { name: "pagewise_orphan_blob_bytes_removed_total", type: "counter", labels: [] },
  { name: "pagewise_documents_expired_total", type: "counter", labels: ["project"] },
  { name: "pagewise_rate_limit_fail_open_total", type: "counter", labels: [] },
  { name: "pagewise_consume_files_total", type: "counter", labels: ["outcome"] },
  { name: "pagewise_consume_pending_files", type: "gauge", labels: [] },
  { name: "pagewise_consume_last_scan_timestamp_seconds", type: "gauge", labels: [] },
  { name: "pagewise_webhook_deliveries_total", type: "counter", labels: ["outcome"] },
  { name: "pagewise_quota_refusals_total", type: "counter", labels: ["quota"] },
] as const;

export type PagewiseMetricName = (typeof METRIC_CONTRACT)[number]["name"];

/**
 * Series names a query may use for a contract metric: histograms expose `_bucket`, `_sum` and
 * `_count`. Default process metrics (`process_…`, `nodejs_…`) and `up` come on top.
 */
export function exposedSeriesNames(): Set<string> {
  const names = new Set<string>();
  for (const metric of METRIC_CONTRACT) {
    names.add(metric.name);
    if (metric.type === "histogram") {
      for (const suffix of ["_bucket", "_sum", "_count"]) names.add(metric.name + suffix);
    }
  }
  return names;
}
