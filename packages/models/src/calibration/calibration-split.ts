import { textKey } from "@pagewise/core";
import type { TrainingDocument } from "../types";
import { hashString } from "../util/hash-string";

/** Fields whose value names who issued a document: documents of one issuer are held out together. */
const ISSUER_FIELDS = ["vendor", "company", "seller", "supplier", "issuer"];

/** A document's issuer (its labeled vendor or company), or its own id when it names none. */
export function issuerKey(doc: TrainingDocument): string {
  for (const name of ISSUER_FIELDS) {
    const value = doc.fields.find((f) => f.name === name)?.value;
    if (value && textKey(value)) return `${doc.category}:${textKey(value)}`;
  }
  return `id:${doc.id}`;
}

/**
 * A deterministic validation part of a training set for calibration: per category, whole issuer
 * groups (see `issuerKey`) are taken in a seeded hash order until about `share` of the category's
 * documents are held out, so the calibration sees suppliers the model never saw, as it will in
 * production. Depends only on ids, labels and the seed (not on document order).
 */
export function calibrationSplit(
  docs: readonly TrainingDocument[],
  options: { seed: number; share: number },
): { fit: TrainingDocument[]; validation: TrainingDocument[] } {
  const held = new Set<TrainingDocument>();
  const categories = [...new Set(docs.map((d) => d.category))].sort();
  for (const category of categories) {
    // Synthetic documents always train: confidence must be calibrated on real ones.
    const members = docs.filter((d) => d.category === category && !d.synthetic);
    const groups = new Map<string, TrainingDocument[]>();
    for (const d of members) groups.set(issuerKey(d), [...(groups.get(issuerKey(d)) ?? []), d]);
    const ranked = [...groups.entries()]
      .map(([key, group]) => ({
        key,
        group,
        rank: hashString(key, (0x85ebca6b ^ options.seed) >>> 0),
      }))
      .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : 1));
    const want = Math.round(members.length * options.share);
    let taken = 0;
    for (const { group } of ranked) {
      if (taken >= want) break;
      // A group that would overshoot by more than half the target is left for a smaller one.
      if (taken + group.length > want * 1.5 && taken > 0) continue;
      for (const d of group) held.add(d);
      taken += group.length;
    }
  }
  return {
    fit: docs.filter((d) => !held.has(d)),
    validation: docs.filter((d) => held.has(d)),
  };
}
