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

export interface Database {
  projects: ProjectsTable;
  api_tokens: ApiTokensTable;
  documents: DocumentsTable;
  pages: PagesTable;
  events: EventsTable;
  kysely_meta?: { key: string; value: Generated<string> };
}

/** The database handle every repository function takes. */
export type Db = Kysely<Database>;
