import type { Layout } from "@pagewise/core";
import type { DocumentReader } from "./document-reader";

/**
 * Every page of a document through `reader` (text layer or OCR), for the CLI and scripts. Throws
 * the first error; the pipeline reads page by page instead, to record errors per page.
 */
export async function readDocument(reader: DocumentReader, bytes: Uint8Array): Promise<Layout> {
  const { mime, pageCount } = await reader.inspect(bytes);
  const pages = await Promise.all(
    Array.from({ length: pageCount }, async (_, i) => (await reader.readPage(bytes, mime, i)).page),
  );
  return { pages };
}
