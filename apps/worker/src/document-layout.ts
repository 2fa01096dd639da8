import type { Layout } from "@pagewise/core";
import { type Db, getPages } from "@pagewise/storage";

/** The stored reading result of a document as a core Layout (unreadable pages stay empty). */
export async function loadLayout(db: Db, documentId: string): Promise<Layout> {
  const pages = await getPages(db, documentId);
  return { pages: pages.map(({ imageKey: _, error: __, ...page }) => page) };
}
