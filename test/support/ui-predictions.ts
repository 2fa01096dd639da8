import type { ExtractedField } from "@pagewise/core";
import { saveDocumentResult } from "@pagewise/storage";
import type { Platform } from "./platform";

/**
 * Store a model's results for a document exactly as the worker's classify and extract stages
 * do, without training a model first (minutes): the UI tests need predictions they can place
 * (boxes next to each other, a field left unpredicted), not a good model.
 */
export async function storePredictions(
  platform: Platform,
  documentId: string,
  prediction: {
    category: string;
    confidence: number;
    fields: Omit<ExtractedField, "normalized" | "box">[];
  },
): Promise<void> {
  await saveDocumentResult(platform.db, {
    documentId,
    kind: "classification",
    modelVersionId: null,
    modelVersion: 1,
    data: { category: prediction.category, confidence: prediction.confidence },
  });
  await saveDocumentResult(platform.db, {
    documentId,
    kind: "extraction",
    modelVersionId: null,
    modelVersion: 1,
    data: prediction.fields.map((f) => ({ ...f, normalized: null, box: null })),
  });
}
