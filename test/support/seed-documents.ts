import type { ExtractedField } from "@pagewise/core";
import {
  getProjectByName,
  insertDocument,
  insertReview,
  saveDocumentResult,
  transitionDocument,
} from "@pagewise/storage";
import type { Platform } from "./platform";

/** Every REVIEWED_EVERY-th seeded document (0, 10, 20 …) is reviewed. */
export const REVIEWED_EVERY = 10;

const field = (name: string, value: string, confidence: number): ExtractedField => ({
  name,
  value,
  normalized: value,
  confidence,
  page: 0,
  box: null,
  tokenIds: [],
});

/**
 * `count` receipts in a project as the platform stores them once read: the documents, their
 * classification and extraction (company `Kedai NNNNN, Sdn "Bhd"` at 0.8, total `N.50` at 0.6),
 * and for every tenth a person's review (company `=Reviewed NNNNN`). Written through the storage
 * layer with the platform's master key (encrypted as the platform writes them), a thousand
 * documents per transaction so ten thousand take seconds, not minutes. Answers the ids in order.
 */
export async function seedDocuments(
  platform: Platform,
  projectName: string,
  count: number,
): Promise<string[]> {
  const { id: projectId } = (await getProjectByName(platform.db, projectName))!;
  const ids: string[] = [];
  for (let batch = 0; batch < count; batch += 1_000) {
    await platform.clearDb.transaction().execute(async (trx) => {
      for (let i = batch; i < Math.min(count, batch + 1_000); i++) {
        const n = String(i).padStart(5, "0");
        const { document } = await insertDocument(trx, {
          projectId,
          filename: `receipt-${n}.pdf`,
          sizeBytes: 1,
          sha256: n.padEnd(64, "a"),
          blobKey: n.padEnd(64, "a"),
        });
        ids.push(document.id);
        await saveDocumentResult(trx, {
          documentId: document.id,
          kind: "classification",
          modelVersionId: null,
          modelVersion: 1,
          data: { category: "receipt", confidence: 0.9 },
        });
        await saveDocumentResult(trx, {
          documentId: document.id,
          kind: "extraction",
          modelVersionId: null,
          modelVersion: 1,
          data: [field("company", `Kedai ${n}, Sdn "Bhd"`, 0.8), field("total", `${i}.50`, 0.6)],
        });
        const reviewed = i % REVIEWED_EVERY === 0;
        if (reviewed) {
          await insertReview(trx, {
            projectId,
            documentId: document.id,
            actor: "test",
            source: "review",
            complete: true,
            category: "receipt",
            fields: [
              {
                name: "company",
                value: `=Reviewed ${n}`,
                normalized: `=Reviewed ${n}`,
                tokenIds: [],
                aligned: false,
              },
            ],
            previous: {},
            labelSchemaVersion: 1,
          });
        }
        await transitionDocument(trx, document.id, {
          from: ["queued"],
          to: reviewed ? "reviewed" : "processed",
          category: "receipt",
        });
      }
    });
    // SQLite answers synchronously, so the loop above never reaches the event loop's I/O phase:
    // let it run, or a keep-alive socket the API closed meanwhile looks open to fetch.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ids;
}
