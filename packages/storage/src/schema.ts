import type { Generated, Kysely } from "kysely";

/**
 * Table types for kysely. Portable across SQLite and PostgreSQL: ids are text (`newId`), times are
 * ISO-8601 UTC strings (they sort lexically), JSON is stored as text and parsed in the repositories,
 * booleans are integers 0/1.
 */
export interface ProjectsTable {
  id: string;
  name: string;
  settings: string;
  label_schema: string;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: string;
  project_id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface DocumentsTable {
  id: string;
  project_id: string;
  status: string;
  filename: string;
  mime: string | null;
  size_bytes: number;
  sha256: string;
  blob_key: string;
  page_count: number | null;
  error_code: string | null;
  error_message: string | null;
  idempotency_key: string | null;
  /** Incremented each time the pipeline is (re)started for this document. */
  pipeline_run: number;
  /** Imported layouts (already read elsewhere) skip reading. */
  has_imported_layout: number;
  created_at: string;
  updated_at: string;
  processed_at: string | null;
  /** Predicted (or reviewed) category. */
  category: string | null;
  /** Lowest field confidence of the latest extraction; the review queue sorts by it. */
  min_confidence: number | null;
  /** A confidently processed document drawn into the review queue for audit. */
  audit_sampled: number;
  /** JSON `{ category, fields }` given with an imported document (a labeled dataset). */
  import_labels: string | null;
}

export interface PagesTable {
  document_id: string;
  page_index: number;
  width: number;
  height: number;
  source: string;
  /** JSON array of core `Token`s. */
  tokens: string;
  image_key: string | null;
  /** Set when this page could not be read; the other pages of the document still count. */
  error_code: string | null;
  error_message: string | null;
  created_at: string;
}

export interface EventsTable {
  id: string;
  project_id: string;
  document_id: string | null;
  type: string;
  actor: string | null;
  data: string;
  created_at: string;
}

export interface DocumentResultsTable {
  document_id: string;
  /** `classification` or `extraction`. */
  kind: string;
  model_version_id: string | null;
  model_version: number | null;
  data: string;
  created_at: string;
}

export interface ReviewsTable {
  id: string;
  project_id: string;
  document_id: string;
  /** Token id, or `import:<…>` for labels that came with imported data. */
  actor: string;
  /** `review` (a person) or `import` (labels loaded with a dataset). */
  source: string;
  complete: number;
  category: string | null;
  /** JSON: the labeled fields `[{ name, value, normalized, tokenIds, aligned }]`. */
  fields: string;
  /** JSON: the predictions shown to the reviewer, with the model versions that made them. */
  previous: string;
  label_schema_version: number;
  created_at: string;
}

export interface RegisteredModelsTable {
  id: string;
  project_id: string;
  kind: string;
  created_at: string;
}

export interface ModelVersionsTable {
  id: string;
  registered_model_id: string;
  version: number;
  status: string;
  training_run_id: string | null;
  /** JSON `{ filename: blobKey }`. */
  artifacts: string;
  lineage: string;
  metrics: string | null;
  gate_report: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ModelAliasesTable {
  registered_model_id: string;
  alias: string;
  model_version_id: string;
  updated_at: string;
}

export interface AliasHistoryTable {
  id: string;
  registered_model_id: string;
  alias: string;
  from_version: number | null;
  to_version: number | null;
  actor: string;
  reason: string;
  created_at: string;
}

export interface DatasetAssignmentsTable {
  project_id: string;
  document_id: string;
  split: string;
  created_at: string;
}

export interface DatasetSnapshotsTable {
  id: string;
  project_id: string;
  content_hash: string;
  label_schema_version: number;
  train_count: number;
  validation_count: number;
  /** The frozen snapshot (document ids, labels, splits) as a JSON blob. */
  blob_key: string;
  created_at: string;
}

export interface TrainingRunsTable {
  id: string;
  project_id: string;
  status: string;
  trigger: string;
  actor: string;
  snapshot_id: string | null;
  reviews_at_start: number;
  progress: string;
  outcome: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface TrainingLocksTable {
  project_id: string;
  training_run_id: string;
  created_at: string;
}

export interface Database {
  projects: ProjectsTable;
  api_tokens: ApiTokensTable;
  documents: DocumentsTable;
  pages: PagesTable;
  events: EventsTable;
  document_results: DocumentResultsTable;
  reviews: ReviewsTable;
  registered_models: RegisteredModelsTable;
  model_versions: ModelVersionsTable;
  model_aliases: ModelAliasesTable;
  alias_history: AliasHistoryTable;
  dataset_assignments: DatasetAssignmentsTable;
  dataset_snapshots: DatasetSnapshotsTable;
  training_runs: TrainingRunsTable;
  training_locks: TrainingLocksTable;
  kysely_meta?: { key: string; value: Generated<string> };
}

/** The database handle every repository function takes. */
export type Db = Kysely<Database>;
