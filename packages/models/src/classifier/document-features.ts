import type { Layout } from "@pagewise/core";
import {
  type FeatureMatrix,
  FeatureMatrixBuilder,
  SparseRowBuilder,
  slotSeed,
} from "../features/feature-hashing";
import { hashString } from "../util/hash-string";

/** Bump when document features change meaning. */
export const DOCUMENT_FEATURIZER_VERSION = 1;

export const DOCUMENT_DENSE_FEATURES = [
  "pages",
  "tokens_per_page",
  "digit_share",
  "amount_share",
  "upper_share",
  "source_ocr",
  "source_text",
  "source_import",
] as const;

const UNIGRAM = slotSeed("doc-unigram");
const BIGRAM = slotSeed("doc-bigram");
const TRIGRAM = slotSeed("doc-char3");
/** Long documents are read up to here: the first pages say what a document is. */
const MAX_TOKENS = 3000;

/**
 * Hashed word unigrams, bigrams and character trigrams of the document text (log counts,
 * L2-normalized), plus a few layout figures (pages, density, share of digits and amounts).
 */
export function featurizeDocuments(layouts: readonly Layout[], hashDim: number): FeatureMatrix {
  const builder = new FeatureMatrixBuilder(hashDim, DOCUMENT_DENSE_FEATURES.length);
  const row = new SparseRowBuilder(hashDim);
  for (const layout of layouts) {
    const words: string[] = [];
    let digits = 0;
    let amounts = 0;
    let upper = 0;
    const sources = new Set(layout.pages.map((p) => p.source));
    for (const page of layout.pages) {
      for (const token of page.tokens) {
        if (words.length >= MAX_TOKENS) break;
        const text = token.text;
        if (/\d/.test(text)) digits++;
        if (/\d[.,]\d{2}(?!\d)/.test(text)) amounts++;
        if (/^\p{Lu}{2,}$/u.test(text)) upper++;
        const word = text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        words.push(/\d/.test(word) ? word.replace(/\d/g, "0") : word);
      }
    }
    const counts = new Map<number, number>();
    const add = (slot: number, value: string) => {
      const key = hashString(value, slot);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    words.forEach((w, i) => {
      if (w === "") return;
      add(UNIGRAM, w);
      if (i > 0) add(BIGRAM, `${words[i - 1]} ${w}`);
      const padded = `^${w}$`;
      for (let k = 0; k + 3 <= padded.length && k < 10; k++) add(TRIGRAM, padded.slice(k, k + 3));
    });
    row.clear();
    let norm = 0;
    const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
    for (const [, c] of entries) norm += Math.log1p(c) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const [key, c] of entries) row.add(0, key, Math.log1p(c) / norm);
    const n = Math.max(1, words.length);
    const pages = Math.max(1, layout.pages.length);
    builder.push(row, [
      Math.min(1, pages / 20),
      Math.min(1, n / pages / 1000),
      digits / n,
      amounts / n,
      upper / n,
      sources.has("ocr") ? 1 : 0,
      sources.has("text") ? 1 : 0,
      sources.has("import") ? 1 : 0,
    ]);
  }
  return builder.build();
}
