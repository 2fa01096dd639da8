import { type Layout, PagewiseError } from "@pagewise/core";
import type { DocumentReader } from "./document-reader";
import { inspectDocument } from "./inspect-document";

/**
 * Every page of a document through `reader` (text layer or OCR), for the CLI and scripts. Throws
 * the first error; the pipeline reads page by page instead, to record errors per page.
 */
export async function readDocument(reader: DocumentReader, bytes: Uint8Array): Promise<Layout> {
  const { mime, pageCount } = await reader.inspect(bytes).catch(async (error: unknown) => {
    // Validation errors are the same in-process; only a broken pool is worth a second try here.
    if (error instanceof PagewiseError && error.code !== "internal") throw error;
    return inspectDocument(bytes);
  });
  const pages = await Promise.all(
    Array.from({ length: pageCount }, async (_, i) => (await reader.readPage(bytes, mime, i)).page),
  );
  return { pages };
}
