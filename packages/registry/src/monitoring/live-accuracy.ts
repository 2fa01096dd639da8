import type { LiveReview } from "@pagewise/storage";
import { addCounts, emptyCounts, type RawCounts, withShares } from "./field-counts";
import type { LiveAccuracy, ReviewSample } from "./monitoring-types";

/**
 * The counts of one review per field name, from the verdicts stored with it (the comparison of
 * label and prediction is made once, when the review is saved): predictions of the name, labels
 * kept as predicted, corrected, added where nothing was predicted.
 */
export function reviewFieldCounts(review: LiveReview): Map<string, RawCounts> {
  const byField = new Map<string, RawCounts>();
  const of = (name: string) => {
    const counts = byField.get(name) ?? emptyCounts();
    byField.set(name, counts);
    return counts;
  };
  for (const p of review.predicted.fields) of(p.name).predicted++;
  for (const label of review.fields) {
    const counts = of(label.name);
    counts.labeled++;
    if (label.verdict === "accepted") counts.kept++;
    else if (label.verdict === "corrected") counts.corrected++;
    else if (label.verdict === "added") counts.added++;
  }
  return byField;
}

const byKey = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);

export const sampleOf = (review: LiveReview): ReviewSample =>
  review.auditSampled ? "audit" : "flagged";

/**
 * Live accuracy from people's reviews: per sample (audit / flagged), per model version and per
 * field, and per UTC day. A review counts for the category when a classifier had predicted one,
 * and for the fields when an extractor had run; documents reviewed before any model are left out.
 */
export function summarizeLiveAccuracy(
  reviews: readonly LiveReview[],
  window: { from: string; to: string },
): LiveAccuracy {
  type Group = { documents: number; correct: number; categorized: number; counts: RawCounts };
  const group = (map: Map<string, Group>, key: string) => {
    const g = map.get(key) ?? { documents: 0, correct: 0, categorized: 0, counts: emptyCounts() };
    map.set(key, g);
    return g;
  };
  const samples = new Map<string, Group>();
  const days = new Map<string, Group>();
  const categories = new Map<string, Group>();
  const fields = new Map<string, RawCounts>();
  let documents = 0;

  for (const review of reviews) {
    const classification = review.predicted.classification;
    const extracted = review.predicted.extractorVersion !== null;
    if (!classification && !extracted) continue;
    documents++;
    const sample = sampleOf(review);
    const day = review.createdAt.slice(0, 10);
    const targets = [group(samples, sample), group(days, `${day}|${sample}`)];
    for (const g of targets) g.documents++;
    if (classification) {
      const correct = classification.category === review.category ? 1 : 0;
      const version = review.predicted.classifierVersion;
      for (const g of [...targets, group(categories, `${sample}|${version ?? ""}`)]) {
        g.categorized++;
        g.correct += correct;
      }
    }
    if (!extracted) continue;
    for (const [name, counts] of reviewFieldCounts(review)) {
      for (const g of targets) addCounts(g.counts, counts);
      const key = `${sample}|${review.predicted.extractorVersion}|${name}`;
      fields.set(key, addCounts(fields.get(key) ?? emptyCounts(), counts));
    }
  }

  const accuracy = (g: Group) => (g.categorized === 0 ? null : g.correct / g.categorized);
  const version = (v: string) => (v === "" ? null : Number(v));
  return {
    window,
    documents,
    samples: [...samples].sort(byKey).map(([sample, g]) => ({
      sample: sample as ReviewSample,
      documents: g.documents,
      categoryAccuracy: accuracy(g),
      ...withShares(g.counts),
    })),
    category: [...categories].sort(byKey).map(([key, g]) => {
      const [sample, v] = key.split("|") as [ReviewSample, string];
      return {
        sample,
        classifierVersion: version(v),
        documents: g.categorized,
        correct: g.correct,
        accuracy: g.correct / g.categorized,
      };
    }),
    fields: [...fields].sort(byKey).map(([key, counts]) => {
      const [sample, v, ...name] = key.split("|") as [ReviewSample, string, ...string[]];
      return {
        sample,
        extractorVersion: version(v),
        field: name.join("|"),
        ...withShares(counts),
      };
    }),
    daily: [...days]
      .map(([key, g]) => {
        const [day, sample] = key.split("|") as [string, ReviewSample];
        const shares = withShares(g.counts);
        return {
          day,
          sample,
          documents: g.documents,
          categoryAccuracy: accuracy(g),
          keptShare: shares.keptShare,
          missedShare: shares.missedShare,
        };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.sample.localeCompare(b.sample)),
  };
}
