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
  /** After this time the token is refused (`token_expired`); null: never expires. */
  expires_at: string | null;
}

export interface UsersTable {
  id: string;
  /** OpenID Connect issuer and subject: who the person is, as the identity provider says. */
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: string;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  /** sha256 of the cookie's secret; the secret itself is never stored. */
  secret_hash: string;
  /** A user's session (OIDC) or a token's session (the token sign-in form): exactly one is set. */
  user_id: string | null;
  token_id: string | null;
  /** Sent back by the web client in `X-CSRF-Token` on unsafe requests. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
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
  /** JSON array of core `ReviewReason`s: why the document waits for a person (set at finalize). */
  review_reasons: string | null;
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
  /** `classification`, `extraction` or `einvoice`. */
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
  /** JSON: field names the reviewer marked "not in this document" (`[]` for older reviews). */
  absent: string;
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

export interface DocumentObservationsTable {
  document_id: string;
  project_id: string;
  classifier_version_id: string | null;
  extractor_version_id: string | null;
  /** JSON: core `DocumentObservation`. */
  observation: string;
  created_at: string;
}

export interface DriftReferencesTable {
  project_id: string;
  /** '' when the project had no champion of that kind. */
  classifier_version_id: string;
  extractor_version_id: string;
  /** JSON: core `DriftProfile`. */
  profile: string;
  created_at: string;
}

export interface ShadowResultsTable {
  document_id: string;
  /** `classification` or `extraction`, as in document_results. */
  kind: string;
  model_version_id: string;
  model_version: number;
  project_id: string;
  data: string;
  created_at: string;
}

export interface AuditEventsTable {
  id: string;
  project_id: string;
  at: string;
  /** `token`, `user`, `system` or `anonymous`. */
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object: ids, codes and changed settings; never document text or secrets. */
  details: string;
  remote_address: string | null;
  user_agent: string | null;
}

export interface MasterKeysTable {
  /** Master key id (derived from the key). */
  id: string;
  created_at: string;
  /** Set by a rotation once no data key is wrapped by this key any more. */
  retired_at: string | null;
}

export interface DocumentKeysTable {
  document_id: string;
  /** The master key that wraps this data key. */
  key_id: string;
  /** base64(IV | wrapped key | tag). */
  wrapped_key: string;
  created_at: string;
}

export interface WebhooksTable {
  id: string;
  project_id: string;
  url: string;
  /** JSON array of core `WebhookEventType`s. */
  events: string;
  /** The signing secret: `enc:v1:m:…` sealed by the master key `secret_key_id`, or clear. */
  secret: string;
  secret_key_id: string | null;
  enabled: number;
  disabled_reason: string | null;
  consecutive_failures: number;
  /** The dispatcher has turned the project's events up to this time into deliveries. */
  cursor_at: string;
  /** Created or enabled again at: events before it are never delivered to it. */
  active_since: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  project_id: string;
  event_id: string;
  event_type: string;
  dedupe_key: string;
  /** The JSON body sent (ids and codes only). */
  payload: string;
  redelivery_of: string | null;
  /** `pending`, `succeeded`, `failed` (attempts used up) or `skipped` (webhook disabled). */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  response_status: number | null;
  error: string | null;
  duration_ms: number | null;
  created_at: string;
  completed_at: string | null;
}

export interface SearchKeysTable {
  /** Always `search`: one key for the whole database. */
  id: string;
  /** The master key that wraps the search key. */
  key_id: string;
  /** base64(IV | wrapped key | tag). */
  wrapped_key: string;
  created_at: string;
}

/**
 * One row per indexed document. The terms live beside it: a `tsvector` column `terms` on
 * PostgreSQL, the FTS5 table `search_terms` (rowid = `id`) on SQLite; see migration 0012.
 */
export interface SearchEntriesTable {
  /** SQLite only: the rowid of the document's row in `search_terms`. */
  id?: Generated<number>;
  document_id: string;
  project_id: string;
  /** 1 when the terms are keyed hashes (encryption on), 0 for clear terms. */
  hashed: number;
  indexed_at: string;
}

/** What a reviewed document taught the vendor memory (migration 0015). */
export interface VendorMemoryTable {
  project_id: string;
  document_id: string;
  review_id: string;
  review_created_at: string;
  /** Null: the review named no vendor (the row only marks the review as seen). */
  vendor_key: string | null;
  /** `VendorObservation` JSON, encrypted with the document's key; null with `vendor_key`. */
  data: string | null;
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
  document_observations: DocumentObservationsTable;
  drift_references: DriftReferencesTable;
  shadow_results: ShadowResultsTable;
  audit_events: AuditEventsTable;
  users: UsersTable;
  project_members: ProjectMembersTable;
  sessions: SessionsTable;
  master_keys: MasterKeysTable;
  document_keys: DocumentKeysTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  search_keys: SearchKeysTable;
  search_entries: SearchEntriesTable;
  vendor_memory: VendorMemoryTable;
  kysely_meta?: { key: string; value: Generated<string> };
}

/** The database handle every repository function takes. */
export type Db = Kysely<Database>;
