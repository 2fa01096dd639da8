import type { Layout } from "@pagewise/core";
import {
  type FeatureMatrix,
  FeatureMatrixBuilder,
  SparseRowBuilder,
  slotSeed,
} from "../features/feature-hashing";
import { hashString } from "../util/hash-string";

/**
 * Bump when document features change meaning. v2 added the document-type cue counts; v1
 * classifiers are still featurized as they were trained (`featurizeDocuments(…, 1)`).
 */
export const DOCUMENT_FEATURIZER_VERSION = 2;

const V1_DENSE_FEATURES = [
  "pages",
  "tokens_per_page",
  "digit_share",
  "amount_share",
  "upper_share",
  "source_ocr",
  "source_text",
  "source_import",
] as const;

/**
 * Words that say what kind of document this is, in the languages documents come in (en, de, fr,
 * nl, it, es, ms). One feature per kind counts them all, so an invoice in a language or from a
 * vendor no training document had still looks like an invoice: the hashed words alone learn
 * "German means invoice, English means receipt" from a training set that happens to be so.
 */
const CUES: Record<string, string[]> = {
  invoice: [
    "invoice",
    "invoices",
    "rechnung",
    "rechnungsnummer",
    "rechnungsdatum",
    "facture",
    "factuur",
    "factuurnummer",
    "factuurdatum",
    "fattura",
    "factura",
    "bill",
    "billing",
    "billed",
    "vat",
    "btw",
    "tva",
    "ust",
    "mwst",
    "iban",
    "bic",
    "swift",
    "due",
    "fällig",
    "échéance",
    "vervaldatum",
    "subtotal",
    "netto",
    "qty",
    "quantity",
    "menge",
    "quantité",
    "aantal",
    "unit",
    "einzelpreis",
    "customer",
    "kunde",
    "client",
    "klant",
    "order",
    "bestellung",
    "commande",
    "bestelling",
  ],
  receipt: [
    "receipt",
    "cash",
    "change",
    "tendered",
    "tunai",
    "rounding",
    "cashier",
    "thank",
    "bhd",
    "sdn",
    "gst",
    "kassenbon",
    "quittung",
    "beleg",
    "ticket",
    "reçu",
    "bon",
    "kassabon",
    "kembali",
  ],
  contract: [
    "agreement",
    "party",
    "parties",
    "hereby",
    "whereas",
    "shall",
    "herein",
    "hereto",
    "confidential",
    "governed",
    "laws",
    "vertrag",
    "vereinbarung",
    "contrat",
    "overeenkomst",
    "witnesseth",
    "undersigned",
  ],
};
const CUE_KINDS = Object.keys(CUES);
const CUE_OF = new Map<string, number>();
CUE_KINDS.forEach((kind, k) => {
  for (const w of CUES[kind]!) CUE_OF.set(w, k);
});

export const DOCUMENT_DENSE_FEATURES = [
  ...V1_DENSE_FEATURES,
  ...CUE_KINDS.map((k) => `cue_${k}`),
  ...CUE_KINDS.map((k) => `cue_share_${k}`),
] as const;

const UNIGRAM = slotSeed("doc-unigram");
const BIGRAM = slotSeed("doc-bigram");
const TRIGRAM = slotSeed("doc-char3");
/** Long documents are read up to here: the first pages say what a document is. */
const MAX_TOKENS = 3000;

/**
 * Hashed word unigrams, bigrams and character trigrams of the document text (log counts,
 * L2-normalized), plus a few layout figures (pages, density, share of digits and amounts) and
 * (v2) counts of document-type cue words.
 */
export function featurizeDocuments(
  layouts: readonly Layout[],
  hashDim: number,
  version = DOCUMENT_FEATURIZER_VERSION,
): FeatureMatrix {
  const denseDim = version >= 2 ? DOCUMENT_DENSE_FEATURES.length : V1_DENSE_FEATURES.length;
  const builder = new FeatureMatrixBuilder(hashDim, denseDim);
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
    const cues = new Array<number>(CUE_KINDS.length).fill(0);
    for (const w of words) {
      const k = CUE_OF.get(w);
      if (k !== undefined) cues[k]!++;
    }
    const cueTotal = cues.reduce((a, b) => a + b, 0) || 1;
    const cueFeatures =
      version >= 2
        ? [...cues.map((c) => Math.min(1, Math.log1p(c) / 4)), ...cues.map((c) => c / cueTotal)]
        : [];
    builder.push(row, [
      Math.min(1, pages / 20),
      Math.min(1, n / pages / 1000),
      digits / n,
      amounts / n,
      upper / n,
      sources.has("ocr") ? 1 : 0,
      sources.has("text") ? 1 : 0,
      sources.has("import") ? 1 : 0,
      ...cueFeatures,
    ]);
  }
  return builder.build();
}
