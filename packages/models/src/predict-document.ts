import type { Classification, ExtractedField, Layout } from "@pagewise/core";
import type { ClassifierModel } from "./classifier/classifier-model";
import { classifyDocument } from "./classifier/classify-document";
import { extractFields } from "./extractor/extract-fields";
import type { ExtractorModel } from "./extractor/extractor-model";

/**
 * Classify a document, then extract the fields of the predicted category.
 *
 * @example const { classification, fields } = await predictDocument({ classifier, extractor }, layout);
 */
export async function predictDocument(
  models: { classifier: ClassifierModel; extractor: ExtractorModel },
  layout: Layout,
): Promise<{ classification: Classification; fields: ExtractedField[] }> {
  const classification = await classifyDocument(models.classifier, layout);
  const fields = await extractFields(models.extractor, layout, classification.category);
  return { classification, fields };
}
