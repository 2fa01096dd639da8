import { createHash } from "node:crypto";
import {
  type Classification,
  type ExtractedField,
  findCategory,
  type ReviewReason,
} from "@pagewise/core";
import type { Project } from "@pagewise/storage";

export interface ReviewDecision {
  needsReview: boolean;
  minConfidence: number | null;
  /** Why a person must look at it; empty when the models are confident. */
  reasons: ReviewReason[];
}

/**
 * Whether a processed document goes to people: no model yet, a category or any field under the
 * project's confidence threshold, or a required field the extractor did not find.
 */
export function decideReview(
  project: Pick<Project, "settings" | "labelSchema">,
  classification: Classification | undefined,
  fields: readonly ExtractedField[] | undefined,
): ReviewDecision {
  if (!classification || !fields) {
    return {
      needsReview: true,
      minConfidence: null,
      reasons: [{ code: "no_model", field: null, confidence: null }],
    };
  }
  const threshold = project.settings.confidenceThreshold;
  const reasons: ReviewReason[] = [];
  const confidences = [classification.confidence, ...fields.map((f) => f.confidence)];
  const minConfidence = Math.min(...confidences);
  if (classification.confidence < threshold) {
    reasons.push({ code: "low_confidence", field: null, confidence: classification.confidence });
  }
  for (const f of fields) {
    if (f.confidence < threshold) {
      reasons.push({ code: "low_confidence", field: f.name, confidence: f.confidence });
    }
  }
  const category = findCategory(project.labelSchema, classification.category);
  for (const def of category?.fields ?? []) {
    if (def.required && !fields.some((f) => f.name === def.name)) {
      reasons.push({ code: "missing_required", field: def.name, confidence: null });
    }
  }
  return { needsReview: reasons.length > 0, minConfidence, reasons };
}

/** Deterministic audit sampling: the same document is always in or out of the sample. */
export function sampledForAudit(documentId: string, rate: number): boolean {
  if (rate <= 0) return false;
  const h = createHash("sha256").update(`audit:${documentId}`).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < rate;
}
