import { join } from "node:path";
import { DEFAULT_LABEL_SCHEMA, findCategory } from "@pagewise/core";
import { type DatasetDocument, labelsOf, loadDataset } from "./datasets";
import { type ProjectHandle, uploadDatasetDocument, waitAll } from "./loop";
import { type PlatformClient, ROOT } from "./platform";

/**
 * The committed fixture documents with their ground truth (invoices, receipts with their own
 * OCR layout, a contract): eight real documents of three categories, read in seconds.
 */
export function labeledFixtures(): DatasetDocument[] {
  const root = join(ROOT, "test/fixtures");
  const byDataset = ["sroie", "zugferd", "invoice2data", "kleister_nda"].map((name) =>
    loadDataset(root, name),
  );
  // Interleaved, so any prefix of them mixes categories.
  const out: DatasetDocument[] = [];
  for (let i = 0; byDataset.some((docs) => i < docs.length); i++) {
    for (const docs of byDataset) {
      const doc = docs[i];
      if (doc) out.push(doc);
    }
  }
  return out;
}

/** Import documents with their labels (as `pnpm pagewise import` does) and wait until reviewed. */
export async function importLabeled(
  platform: PlatformClient,
  project: ProjectHandle,
  docs: readonly DatasetDocument[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const doc of docs) {
    const category = findCategory(DEFAULT_LABEL_SCHEMA, doc.type);
    if (!category) throw new Error(`no category '${doc.type}' in the default schema`);
    const fields = labelsOf(
      doc,
      category.fields.map((f) => f.name),
    );
    ids.push(
      await uploadDatasetDocument(platform, project, doc, { category: category.name, fields }),
    );
  }
  const done = await waitAll(platform, project, ids);
  const notReviewed = done.filter((d) => d.status !== "reviewed");
  if (notReviewed.length) throw new Error(`not reviewed: ${JSON.stringify(notReviewed)}`);
  return ids;
}
