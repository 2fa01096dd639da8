import type {
  CategoryDefinition,
  ExtractedField,
  Layout,
  VendorIdentity,
  VendorObservation,
} from "@pagewise/core";
import {
  documentKeys,
  VENDOR_MATCH_THRESHOLD,
  vendorKey,
  vendorMatchScore,
} from "./identify-vendor";
import { type RecallOptions, recallVendorFields } from "./recall-vendor-fields";

export interface VendorMemoryAnswer {
  /** The recognized vendor (null: none of the remembered vendors). */
  vendor: VendorIdentity | null;
  /** How many reviewed documents of that vendor were consulted. */
  observations: number;
  /** Fields read where that vendor's reviews had them (`source: "memory"`). */
  fields: ExtractedField[];
}

/**
 * Recognize the document's vendor among the remembered ones (`observations`, newest first) and
 * read the fields its reviews located. The best `vendorMatchScore` wins; a tie goes to the vendor
 * with more reviews.
 */
export function answerFromVendorMemory(
  layout: Layout,
  category: CategoryDefinition,
  observations: readonly VendorObservation[],
  options: RecallOptions = {},
): VendorMemoryAnswer {
  const keys = documentKeys(layout);
  const groups = new Map<string, VendorObservation[]>();
  for (const o of observations) {
    if (o.category !== category.name) continue;
    const key = vendorKey(o.vendor);
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  let best: { score: number; group: VendorObservation[] } | undefined;
  for (const group of groups.values()) {
    const score = Math.max(...group.map((o) => vendorMatchScore(keys, o.vendor)));
    if (score < VENDOR_MATCH_THRESHOLD) continue;
    if (!best || score > best.score || (score === best.score && group.length > best.group.length)) {
      best = { score, group };
    }
  }
  if (!best) return { vendor: null, observations: 0, fields: [] };
  return {
    vendor: best.group[0]!.vendor,
    observations: best.group.length,
    fields: recallVendorFields(layout, category, best.group, options),
  };
}

/**
 * The model's fields with the memory's answers in their place: a single-valued field the memory
 * read replaces the model's value of that name (a reviewed vendor's layout is firmer evidence
 * than a model that may never have seen it), unless the model is more confident of its own
 * value than the memory is of its answer: after one review the memory answers at 0.7, and a
 * model that reads the vendor well already (0.9 and up, calibrated) keeps its value. The
 * model's other fields stay.
 */
export function mergeMemoryFields(
  model: readonly ExtractedField[],
  memory: readonly ExtractedField[],
): ExtractedField[] {
  const modelBest = new Map<string, number>();
  for (const f of model) modelBest.set(f.name, Math.max(modelBest.get(f.name) ?? 0, f.confidence));
  const answers = memory.filter((m) => (modelBest.get(m.name) ?? 0) <= m.confidence);
  const answered = new Set(answers.map((f) => f.name));
  return [...model.filter((f) => !answered.has(f.name)), ...answers];
}
