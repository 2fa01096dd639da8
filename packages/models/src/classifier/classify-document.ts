import type { Classification, Layout } from "@pagewise/core";
import { predictSparseMlp } from "../nn/sparse-mlp-forward";
import type { ClassifierModel } from "./classifier-model";
import { DOCUMENT_FEATURIZER_VERSION, featurizeDocuments } from "./document-features";

/**
 * The category of a document with the model's probability, and the probability of every category.
 *
 * @example const { category, confidence } = await classifyDocument(classifier, layout);
 */
export async function classifyDocument(
  classifier: ClassifierModel,
  layout: Layout,
): Promise<Classification> {
  const { metadata } = classifier;
  // v1 classifiers (before the cue words) are featurized as they were trained.
  const version = metadata.featurizer.version;
  if (version !== 1 && version !== DOCUMENT_FEATURIZER_VERSION) {
    throw new Error(
      `classifier features v${metadata.featurizer.version}, this code has v${DOCUMENT_FEATURIZER_VERSION}`,
    );
  }
  const matrix = featurizeDocuments([layout], metadata.featurizer.hashDim, version);
  const probs = predictSparseMlp(classifier.model, matrix);
  let best = 0;
  const scores: Record<string, number> = {};
  metadata.labels.forEach((label, i) => {
    scores[label] = probs[i]!;
    if (probs[i]! > probs[best]!) best = i;
  });
  return {
    category: metadata.labels[best]!,
    confidence: Math.min(1, Math.max(0, probs[best]!)),
    scores,
  };
}
