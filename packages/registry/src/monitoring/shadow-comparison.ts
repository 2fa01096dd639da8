import {
  type Classification,
  comparisonKey,
  type ExtractedField,
  type FieldDefinition,
  findCategory,
  type LabelSchema,
  type ModelKind,
} from "@pagewise/core";
import type { LiveReview, ShadowResult } from "@pagewise/storage";
import { addCounts, emptyCounts, type RawCounts, withShares } from "./field-counts";
import { reviewFieldCounts } from "./live-accuracy";
import type { ShadowComparison } from "./monitoring-types";

const squash = (v: string) => v.trim().replace(/\s+/g, " ");

/**
 * Whether a challenger's value is what the reviewer kept. The champion's side uses the verdict
 * stored with the review; the challenger was not shown to the reviewer, so its values are
 * compared here by the same per-type key the review's verdicts use (`529,87` = `529.87`).
 */
export function sameValue(
  predicted: string,
  labeled: string,
  definition?: FieldDefinition,
): boolean {
  if (!definition) return squash(predicted) === squash(labeled);
  return comparisonKey(definition, predicted) === comparisonKey(definition, labeled);
}

/** A challenger's counts on one reviewed document, as `reviewFieldCounts` does for the champion. */
function challengerFieldCounts(
  review: LiveReview,
  shadow: readonly ExtractedField[],
  labelSchema: LabelSchema | undefined,
): Map<string, RawCounts> {
  const category =
    labelSchema && review.category ? findCategory(labelSchema, review.category) : undefined;
  const byField = new Map<string, RawCounts>();
  const of = (name: string) => {
    const counts = byField.get(name) ?? emptyCounts();
    byField.set(name, counts);
    return counts;
  };
  for (const p of shadow) of(p.name).predicted++;
  for (const label of review.fields) {
    const counts = of(label.name);
    counts.labeled++;
    const mine = shadow.filter((p) => p.name === label.name);
    const definition = category?.fields.find((d) => d.name === label.name);
    if (mine.length === 0) counts.added++;
    else if (mine.some((p) => sameValue(p.value, label.value, definition))) counts.kept++;
    else counts.corrected++;
  }
  return byField;
}

/**
 * Champion against challenger on the same reviewed live documents. A field is worse when the
 * challenger keeps fewer of its predictions or misses more values than the champion, by more
 * than `tolerance`; the shadow period passes with `required` documents and nothing worse.
 */
export function compareShadow(input: {
  kind: ModelKind;
  challengerVersion: number;
  shadow: readonly ShadowResult[];
  reviews: readonly LiveReview[];
  tolerance: number;
  required: number;
  /** The project's label schema: values are compared by each field's type, as reviews are. */
  labelSchema?: LabelSchema;
}): ShadowComparison {
  const reviews = new Map(input.reviews.map((r) => [r.documentId, r]));
  const champion = new Map<string, RawCounts>();
  const challenger = new Map<string, RawCounts>();
  const versions = new Set<number>();
  let documents = 0;
  let championCorrect = 0;
  let challengerCorrect = 0;
  for (const result of input.shadow) {
    const review = reviews.get(result.documentId);
    if (!review) continue;
    if (input.kind === "classifier") {
      const served = review.predicted.classification;
      if (!served) continue;
      documents++;
      if (review.predicted.classifierVersion !== null)
        versions.add(review.predicted.classifierVersion);
      if (served.category === review.category) championCorrect++;
      if ((result.data as Classification).category === review.category) challengerCorrect++;
      continue;
    }
    if (review.predicted.extractorVersion === null) continue;
    documents++;
    versions.add(review.predicted.extractorVersion);
    for (const [name, counts] of reviewFieldCounts(review)) {
      champion.set(name, addCounts(champion.get(name) ?? emptyCounts(), counts));
    }
    for (const [name, counts] of challengerFieldCounts(
      review,
      result.data as ExtractedField[],
      input.labelSchema,
    )) {
      challenger.set(name, addCounts(challenger.get(name) ?? emptyCounts(), counts));
    }
  }

  const t = input.tolerance;
  const fields = [...new Set([...champion.keys(), ...challenger.keys()])].sort().map((field) => {
    const a = withShares(champion.get(field) ?? emptyCounts());
    const b = withShares(challenger.get(field) ?? emptyCounts());
    const worse =
      (a.keptShare ?? 0) - (b.keptShare ?? 0) > t ||
      (b.missedShare ?? 0) - (a.missedShare ?? 0) > t;
    return { field, champion: a, challenger: b, worse };
  });
  const accuracy = (n: number) =>
    input.kind === "classifier" && documents > 0 ? n / documents : null;
  const championAccuracy = accuracy(championCorrect);
  const challengerAccuracy = accuracy(challengerCorrect);
  const worse = fields.filter((f) => f.worse).map((f) => f.field);
  if (
    championAccuracy !== null &&
    challengerAccuracy !== null &&
    championAccuracy - challengerAccuracy > t
  ) {
    worse.push("category");
  }
  return {
    kind: input.kind,
    challengerVersion: input.challengerVersion,
    shadowed: input.shadow.length,
    documents,
    champion: {
      version: versions.size === 1 ? [...versions][0]! : null,
      categoryAccuracy: championAccuracy,
    },
    challenger: { version: input.challengerVersion, categoryAccuracy: challengerAccuracy },
    fields,
    worse,
    required: input.required,
    passed: documents >= input.required && worse.length === 0,
  };
}
