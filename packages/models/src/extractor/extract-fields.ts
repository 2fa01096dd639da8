import type { ExtractedField, Layout, NormalizeHints } from "@pagewise/core";
import { inferLocaleHints } from "@pagewise/core";
import {
  type ConfidenceCalibration,
  calibrateConfidence,
} from "../calibration/confidence-calibration";
import { featurizeTokens, TOKEN_FEATURIZER_VERSION } from "../features/token-features";
import { buildDocumentView } from "../layout/document-view";
import { predictSparseMlp } from "../nn/sparse-mlp-forward";
import { assembleFields } from "./assemble-fields";
import { DEFAULT_EXTRACTOR_OPTIONS, type ExtractorModel } from "./extractor-model";
import { categoryColumns } from "./label-space";

export interface ExtractOptions {
  /** Locale evidence; inferred from the layout when absent. */
  hints?: NormalizeHints;
  /** Return the raw confidences, ignoring the extractor's calibration (evaluation compares both). */
  raw?: boolean;
}

/**
 * The fields of `category` in a document: value as printed, normalized value, confidence (the
 * model's score mapped through the calibration stored with the extractor, so it estimates the
 * probability that the value is right; the raw score for extractors without one), page, box (union of the tokens' normalized boxes) and token ids. Only
 * the category's fields are returned; a list field may appear several times.
 *
 * @example const fields = await extractFields(extractor, layout, "invoice");
 */
export async function extractFields(
  extractor: ExtractorModel,
  layout: Layout,
  category: string,
  options: ExtractOptions = {},
): Promise<ExtractedField[]> {
  const { metadata } = extractor;
  if (metadata.featurizer.version !== TOKEN_FEATURIZER_VERSION) {
    throw new Error(
      `extractor was trained with token features v${metadata.featurizer.version}, this code has v${TOKEN_FEATURIZER_VERSION}`,
    );
  }
  const columns = categoryColumns(metadata.labels, metadata.labelSchema, category);
  const view = buildDocumentView(layout);
  if (columns.length === 0 || view.tokens.length === 0) return [];
  // Artifacts trained before identityWeight, labelContext, completeSpans, distinctTexts and
  // legalNameCells existed lack them: 1 and off, so an older version keeps returning exactly what
  // it was validated with.
  const hp = {
    ...DEFAULT_EXTRACTOR_OPTIONS,
    identityWeight: 1,
    labelContext: false,
    completeSpans: false,
    distinctTexts: false,
    legalNameCells: false,
    ...metadata.hyperparameters,
  } as typeof DEFAULT_EXTRACTOR_OPTIONS;
  const matrix = featurizeTokens(view, category, {
    version: metadata.featurizer.version,
    hashDim: metadata.featurizer.hashDim,
    categories: metadata.featurizer.categories,
    identityWeight: hp.identityWeight,
    labelContext: hp.labelContext,
  });
  const width = metadata.labels.length;
  const probs = predictSparseMlp(extractor.model, matrix);
  const hints = options.hints ?? inferLocaleHints(layout);
  const fields = assembleFields(
    view,
    probs,
    width,
    columns,
    hints,
    hp,
    (field) => metadata.knownValues?.[`${category}.${field}`],
    (field) => metadata.listLimits?.[`${category}.${field}`],
  );
  // Calibrated after assembly: which values are returned depends on the raw scores only, so a
  // calibration changes confidences, never the values (nor F1).
  return options.raw || !metadata.calibration
    ? fields
    : calibrateFields(fields, metadata.calibration, category);
}

/** The fields with their confidences mapped through `calibration` (see `calibrateConfidence`). */
export function calibrateFields(
  fields: readonly ExtractedField[],
  calibration: ConfidenceCalibration | undefined,
  category: string,
): ExtractedField[] {
  return fields.map((f) => ({
    ...f,
    confidence: calibrateConfidence(calibration, `${category}.${f.name}`, f.confidence),
  }));
}
