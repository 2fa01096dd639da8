import { type Kysely, sql } from "kysely";

interface Reason {
  code: "missing_required" | "low_confidence" | "no_model" | "audit_sample";
  field: string | null;
  confidence: number | null;
}

/**
 * The words earlier workers wrote in their `document.processed` event ("no model",
 * "category below threshold", "<field> below threshold", "<field> missing") as reasons. The
 * confidences were not recorded then, so they stay null.
 */
function fromEventWords(words: readonly string[]): Reason[] {
  return words.flatMap((w): Reason[] => {
    if (w === "no model") return [{ code: "no_model", field: null, confidence: null }];
    if (w === "category below threshold") {
      return [{ code: "low_confidence", field: null, confidence: null }];
    }
    const low = /^(.+) below threshold$/.exec(w);
    if (low) return [{ code: "low_confidence", field: low[1]!, confidence: null }];
    const missing = /^(.+) missing$/.exec(w);
    if (missing) return [{ code: "missing_required", field: missing[1]!, confidence: null }];
    return [];
  });
}

/**
 * Why a document waits for a person (JSON array of core `ReviewReason`s), decided by the worker
 * when it finishes the document. Documents finished before this migration get theirs from the
 * words of their last `document.processed` event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("documents").addColumn("review_reasons", "text").execute();

  const waiting = await sql<{ id: string; status: string; audit_sampled: number }>`
    select id, status, audit_sampled from documents
    where status = 'needs_review' or (status = 'processed' and audit_sampled = 1)`.execute(db);
  for (const doc of waiting.rows) {
    let reasons: Reason[];
    if (doc.status === "processed") {
      reasons = [{ code: "audit_sample", field: null, confidence: null }];
    } else {
      const events = await sql<{ data: string }>`
        select data from events where document_id = ${doc.id} and type = 'document.processed'
        order by created_at desc, id desc limit 1`.execute(db);
      const words = (JSON.parse(events.rows[0]?.data ?? "{}") as { reasons?: unknown }).reasons;
      reasons = Array.isArray(words) ? fromEventWords(words.map(String)) : [];
    }
    await sql`update documents set review_reasons = ${JSON.stringify(reasons)}
      where id = ${doc.id}`.execute(db);
  }
}
