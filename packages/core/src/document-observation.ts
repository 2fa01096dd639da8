import { z } from "zod";
import type { Classification, ExtractedField } from "./extraction";
import type { Layout } from "./layout";

/**
 * What drift monitoring looks at in one document: the shape of what was read (pages, density,
 * OCR, scripts) and what the models said (category, confidences). Stored once per live document
 * when it is finalized, and computed the same way for the validation documents of a reference.
 */
export const DocumentObservationSchema = z.object({
  pages: z.number().int().nonnegative(),
  tokensPerPage: z.number().nonnegative(),
  /** Share of pages that were read by OCR (text-layer and imported pages are not). */
  ocrPageShare: z.number().min(0).max(1),
  /** Mean word confidence over every token; null without tokens. */
  ocrConfidence: z.number().nullable(),
  /** Shares of letters and digits in the text: Latin letters, digits, letters of other scripts. */
  latinShare: z.number().nullable(),
  digitShare: z.number().nullable(),
  otherScriptShare: z.number().nullable(),
  category: z.string().nullable(),
  categoryConfidence: z.number().nullable(),
  /** Every predicted value's confidence, by field name. */
  fieldConfidences: z.record(z.string(), z.array(z.number())),
});
export type DocumentObservation = z.infer<typeof DocumentObservationSchema>;

const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** Observe a read document and (when there were models) their predictions. */
export function observeDocument(
  layout: Layout,
  classification?: Classification | null,
  fields?: readonly ExtractedField[] | null,
): DocumentObservation {
  const pages = layout.pages.length;
  let tokens = 0;
  let confidence = 0;
  let latin = 0;
  let digits = 0;
  let other = 0;
  for (const page of layout.pages) {
    for (const token of page.tokens) {
      tokens++;
      confidence += token.confidence;
      for (const ch of token.text) {
        if (DIGIT.test(ch)) digits++;
        else if (LATIN.test(ch)) latin++;
        else if (LETTER.test(ch)) other++;
      }
    }
  }
  const chars = latin + digits + other;
  const fieldConfidences: Record<string, number[]> = {};
  for (const f of fields ?? []) {
    fieldConfidences[f.name] = [...(fieldConfidences[f.name] ?? []), f.confidence];
  }
  return {
    pages,
    tokensPerPage: pages === 0 ? 0 : tokens / pages,
    ocrPageShare: pages === 0 ? 0 : layout.pages.filter((p) => p.source === "ocr").length / pages,
    ocrConfidence: tokens === 0 ? null : confidence / tokens,
    latinShare: chars === 0 ? null : latin / chars,
    digitShare: chars === 0 ? null : digits / chars,
    otherScriptShare: chars === 0 ? null : other / chars,
    category: classification?.category ?? null,
    categoryConfidence: classification?.confidence ?? null,
    fieldConfidences,
  };
}
