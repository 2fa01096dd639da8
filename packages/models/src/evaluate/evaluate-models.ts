import {
  type ExtractedField,
  type FieldScore,
  findCategory,
  inferLocaleHints,
} from "@pagewise/core";
import type { ConfidencePoint } from "../calibration/confidence-calibration";
import { confidencePoints } from "../calibration/confidence-points";
import { expectedCalibrationError } from "../calibration/expected-calibration-error";
import type { ClassifierModel } from "../classifier/classifier-model";
import { classifyDocument } from "../classifier/classify-document";
import { calibrateFields, extractFields } from "../extractor/extract-fields";
import type { ExtractorModel } from "../extractor/extractor-model";
import type { TrainingDocument } from "../types";
import { countFieldMatches, type FieldCounts, summarizeFieldCounts } from "./score-fields";

export interface EvaluationReport {
  documents: number;
  /** Null when no classifier was given. */
  classification: {
    accuracy: number;
    /** Row = true category, column = predicted, in `labels` order. */
    confusion: { labels: string[]; matrix: number[][] };
  } | null;
  /** Per field name (merged over categories that share it). */
  fields: Record<string, FieldScore>;
  macroF1: number;
  microF1: number;
  /** Wall time of classify + extract per page. */
  latency: { pages: number; meanMsPerPage: number; p95MsPerPage: number };
}

export interface EvaluateOptions {
  /** Extract with the labeled category instead of the predicted one (isolates the extractor). */
  useTrueCategory?: boolean;
  /**
   * A prediction that replaces the models' for a document (the platform's e-invoice reading:
   * an XML invoice's category and fields); undefined: the models predict.
   */
  predictionFor?: (
    doc: TrainingDocument,
  ) => { category: string; fields: ExtractedField[] } | undefined;
  /** Called after each document with its predictions (for error analysis). */
  onDocument?: (
    doc: TrainingDocument,
    predicted: { category: string; fields: ExtractedField[] },
  ) => void;
}

/**
 * Evaluate a classifier and/or extractor on labeled documents the models never saw: accuracy and
 * confusion matrix of the classification; per-field precision, recall, F1 and support on
 * normalized exact match (see `comparisonKey`), and the expected calibration error of the
 * returned confidences and of the raw ones (`ece`, `eceUncalibrated`); macro and micro F1;
 * latency per page. Extraction
 * uses the predicted category unless `useTrueCategory` (end to end, a misclassified document
 * loses its fields).
 */
export async function evaluateModels(
  models: { classifier?: ClassifierModel; extractor?: ExtractorModel },
  docs: readonly TrainingDocument[],
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const schema = models.extractor?.metadata.labelSchema ?? models.classifier?.metadata.labelSchema;
  if (!schema) throw new Error("evaluateModels needs a classifier or an extractor");
  const labels = models.classifier?.metadata.labels ?? schema.categories.map((c) => c.name);
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  const counts = new Map<string, FieldCounts>();
  const perPage: number[] = [];
  const calibrated: ConfidencePoint[] = [];
  const raw: ConfidencePoint[] = [];
  for (const doc of docs) {
    const started = performance.now();
    let category = doc.category;
    const given = options.predictionFor?.(doc);
    const predicted = given
      ? given.category
      : models.classifier
        ? (await classifyDocument(models.classifier, doc.layout)).category
        : undefined;
    if (predicted !== undefined) {
      if (!options.useTrueCategory) category = predicted;
      const row = labels.indexOf(doc.category);
      const col = labels.indexOf(predicted);
      if (row >= 0 && col >= 0) confusion[row]![col]!++;
      if (predicted === doc.category) correct++;
    }
    const rawFields: ExtractedField[] = given
      ? given.fields
      : models.extractor
        ? await extractFields(models.extractor, doc.layout, category, { raw: true })
        : [];
    const fields =
      given || !models.extractor
        ? rawFields
        : calibrateFields(rawFields, models.extractor.metadata.calibration, category);
    perPage.push((performance.now() - started) / Math.max(1, doc.layout.pages.length));
    options.onDocument?.(doc, { category, fields });
    const truthCategory = findCategory(schema, doc.category);
    if (models.extractor && truthCategory) {
      const hints = inferLocaleHints(doc.layout);
      const right = category === doc.category;
      countFieldMatches(doc, truthCategory, right ? fields : [], hints, counts);
      // Like F1, calibration is scored on documents given their true category.
      if (right) {
        calibrated.push(...confidencePoints(doc, truthCategory, fields, hints));
        raw.push(...confidencePoints(doc, truthCategory, rawFields, hints));
      }
    }
  }
  const sorted = [...perPage].sort((a, b) => a - b);
  const pages = docs.reduce((n, d) => n + d.layout.pages.length, 0);
  return {
    documents: docs.length,
    classification: models.classifier
      ? {
          accuracy: docs.length > 0 ? correct / docs.length : 0,
          confusion: { labels, matrix: confusion },
        }
      : null,
    ...withCalibrationErrors(summarizeFieldCounts(counts), calibrated, raw),
    latency: {
      pages,
      meanMsPerPage: perPage.length > 0 ? perPage.reduce((a, b) => a + b, 0) / perPage.length : 0,
      p95MsPerPage:
        sorted.length > 0
          ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!
          : 0,
    },
  };
}

/** Add each field's ECE (by field name, merged over categories like its F1) to the scores. */
function withCalibrationErrors<T extends { fields: Record<string, FieldScore> }>(
  summary: T,
  calibrated: readonly ConfidencePoint[],
  raw: readonly ConfidencePoint[],
): T {
  const ece = (points: readonly ConfidencePoint[], name: string) => {
    const mine = points.filter((p) => p.label.slice(p.label.indexOf(".") + 1) === name);
    return expectedCalibrationError(
      mine.map((p) => p.confidence),
      mine.map((p) => (p.correct ? 1 : 0)),
    );
  };
  for (const [name, score] of Object.entries(summary.fields)) {
    const after = ece(calibrated, name);
    const before = ece(raw, name);
    if (after !== null) score.ece = after;
    if (before !== null) score.eceUncalibrated = before;
  }
  return summary;
}
