import type { Layout } from "@pagewise/core";
import {
  type Db,
  type DocumentRecord,
  type DocumentResult,
  getDocumentResults,
  getPages,
  getProjectById,
  type Project,
  type ResultKind,
  type StoredPage,
} from "@pagewise/storage";

/** The stages after which a document's context is kept, in flow order. */
export type ContextStage = "ingest" | "classify" | "extract";

/** What the stages after reading work with: the project, the pages and the results so far. */
export interface DocumentContext {
  project: Project | null;
  pages: StoredPage[];
  results: Partial<Record<ResultKind, DocumentResult>>;
}

interface Entry extends DocumentContext {
  run: number;
  after: ContextStage;
}

/**
 * What this worker knows of the documents it is working on, so that classify, extract and
 * finalize do not each reload the project, the pages and the results. An entry is trusted only
 * by the stage that directly follows the one that stored it, in the same run: the flow runs a
 * document's stages one after the other, so nothing else wrote that document's pages or
 * results in between. A stage run by another worker (or a retry after another worker's attempt)
 * finds no entry for its predecessor and loads from the database. Bounded: the oldest entries
 * go first.
 */
export class DocumentContexts {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 64) {}

  /** The context the stage after `after` may use, or undefined. */
  take(documentId: string, run: number, after: ContextStage): DocumentContext | undefined {
    const entry = this.entries.get(documentId);
    if (!entry || entry.run !== run || entry.after !== after) return undefined;
    return entry;
  }

  put(documentId: string, run: number, after: ContextStage, context: DocumentContext): void {
    this.entries.delete(documentId);
    this.entries.set(documentId, { ...context, run, after });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  drop(documentId: string): void {
    this.entries.delete(documentId);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The document's context from this worker's entry when it may be used, else from the database. */
export async function documentContext(
  deps: { db: Db; contexts: DocumentContexts },
  doc: DocumentRecord,
  after: ContextStage,
): Promise<DocumentContext> {
  const kept = deps.contexts.take(doc.id, doc.pipelineRun, after);
  if (kept) {
    // Ingest does not need the project: the first stage after it loads it, once.
    kept.project ??= await getProjectById(deps.db, doc.projectId);
    return kept;
  }
  const [project, pages, results] = await Promise.all([
    getProjectById(deps.db, doc.projectId),
    getPages(deps.db, doc.id),
    getDocumentResults(deps.db, [doc.id]),
  ]);
  return { project, pages, results: results.get(doc.id) ?? {} };
}

/** The pages as a core Layout (unreadable pages stay empty). */
export function layoutOf(context: DocumentContext): Layout {
  return { pages: context.pages.map(({ imageKey: _, error: __, ...page }) => page) };
}

/** A result as `getDocumentResults` gives it, for a context after the stage stored it. */
export function storedResult(
  kind: ResultKind,
  input: { modelVersionId: string | null; modelVersion: number | null; data: unknown },
): DocumentResult {
  return { kind, ...input, createdAt: new Date().toISOString() };
}
