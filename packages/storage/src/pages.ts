import { type ErrorCode, type PageLayout, PageSourceSchema } from "@pagewise/core";
import type { Kysely } from "kysely";
import { documentCipher } from "./encryption/field-encryption";
import { decodePageTokens, encodePageTokens } from "./page-tokens-codec";
import type { Database } from "./schema";
import { nowIso } from "./time";

export interface StoredPage extends PageLayout {
  imageKey: string | null;
  error: { code: ErrorCode; message: string } | null;
}

/**
 * Write one page's reading result. Idempotent: a retried or duplicated `page.read` overwrites the
 * same row with the same content instead of adding one. An image key, once set, is kept.
 */
export async function savePageLayout(
  db: Kysely<Database>,
  documentId: string,
  page: PageLayout,
  imageKey: string | null = null,
  error: { code: ErrorCode; message: string } | null = null,
): Promise<void> {
  const cipher = await documentCipher(db, documentId, { create: true });
  const values = {
    document_id: documentId,
    page_index: page.index,
    width: page.width,
    height: page.height,
    source: page.source,
    tokens: cipher.encrypt("pages.tokens", encodePageTokens(page.tokens, page.index)),
    image_key: imageKey,
    error_code: error?.code ?? null,
    error_message: error?.message ?? null,
    created_at: nowIso(),
  };
  await db
    .insertInto("pages")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["document_id", "page_index"]).doUpdateSet((eb) => ({
        width: values.width,
        height: values.height,
        source: values.source,
        tokens: values.tokens,
        error_code: values.error_code,
        error_message: values.error_message,
        image_key: imageKey ?? eb.ref("pages.image_key"),
      })),
    )
    .execute();
}

/** Point a page at its image. False when the page is gone (its document was deleted). */
export async function setPageImage(
  db: Kysely<Database>,
  documentId: string,
  pageIndex: number,
  imageKey: string,
): Promise<boolean> {
  const result = await db
    .updateTable("pages")
    .set({ image_key: imageKey })
    .where("document_id", "=", documentId)
    .where("page_index", "=", pageIndex)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function getPages(db: Kysely<Database>, documentId: string): Promise<StoredPage[]> {
  const rows = await db
    .selectFrom("pages")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("page_index")
    .execute();
  const cipher = rows.length > 0 ? await documentCipher(db, documentId) : null;
  return rows.map((row) => ({
    index: row.page_index,
    width: row.width,
    height: row.height,
    source: PageSourceSchema.parse(row.source),
    tokens: decodePageTokens(
      cipher?.decrypt("pages.tokens", row.tokens) ?? row.tokens,
      row.page_index,
    ),
    imageKey: row.image_key,
    error: row.error_code
      ? { code: row.error_code as ErrorCode, message: row.error_message ?? "" }
      : null,
  }));
}

/** Page image key and size without loading the tokens. */
export async function getPageImageInfo(
  db: Kysely<Database>,
  documentId: string,
  pageIndex: number,
): Promise<{ imageKey: string | null; width: number; height: number } | null> {
  const row = await db
    .selectFrom("pages")
    .select(["image_key", "width", "height"])
    .where("document_id", "=", documentId)
    .where("page_index", "=", pageIndex)
    .executeTakeFirst();
  return row ? { imageKey: row.image_key, width: row.width, height: row.height } : null;
}

export async function countPages(db: Kysely<Database>, documentId: string): Promise<number> {
  const row = await db
    .selectFrom("pages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("document_id", "=", documentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listPageIndexes(db: Kysely<Database>, documentId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("pages")
    .select("page_index")
    .where("document_id", "=", documentId)
    .execute();
  return rows.map((r) => r.page_index);
}
