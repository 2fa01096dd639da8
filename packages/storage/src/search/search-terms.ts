import { createHmac } from "node:crypto";

/** Longest term kept; longer runs of letters and digits are cut to it (both when indexing and searching). */
export const MAX_TERM_LENGTH = 64;
/** Most terms of one search: more words than that are not looked for. */
export const MAX_QUERY_TERMS = 32;

const PART = /[\p{L}\p{N}\p{M}]+/gu;

/** NFKC, lower case: the one normalization of indexed and searched text. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * The terms of one whitespace-separated chunk: its runs of letters and digits (`parts`), and,
 * when punctuation splits it into several, the parts written together (`joined`): "D.I.Y" gives
 * the parts d, i, y and the joined term diy; "12.50" gives 12, 50 and 1250.
 */
export function chunkTerms(chunk: string): { parts: string[]; joined: string | null } {
  const parts = (normalizeText(chunk).match(PART) ?? []).map((p) => p.slice(0, MAX_TERM_LENGTH));
  const joined = parts.length > 1 ? parts.join("").slice(0, MAX_TERM_LENGTH) : null;
  return { parts, joined };
}

/** Every term of a text in order, repeated as often as it occurs (ranking counts them). */
export function documentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const chunk of text.split(/\s+/u)) {
    const { parts, joined } = chunkTerms(chunk);
    terms.push(...parts);
    if (joined) terms.push(joined);
  }
  return terms;
}

/**
 * One word of a search: a document matches it when it holds `joined` (the chunk's parts written
 * together) or, for a chunk that punctuation splits, its `parts` one after the other. So
 * "D.I.Y" finds "D.I.Y", "DIY" and "D-I-Y", and "K3-113" finds "K3-113,JL" too.
 */
export interface QueryWord {
  joined: string;
  parts: string[];
}

/**
 * The words a search looks for, all of which a document must hold (AND). Distinct, at most
 * MAX_QUERY_TERMS.
 */
export function queryWords(q: string): QueryWord[] {
  const words = new Map<string, QueryWord>();
  for (const chunk of q.split(/\s+/u)) {
    const { parts, joined } = chunkTerms(chunk);
    const word = joined ?? parts[0];
    if (word) words.set(word, { joined: word, parts: parts.length > 1 ? parts : [] });
    if (words.size >= MAX_QUERY_TERMS) break;
  }
  return [...words.values()];
}

/** The words of a search with each term mapped (hashed with encryption on). */
export function mapQueryWords(
  words: readonly QueryWord[],
  map: (term: string) => string,
): QueryWord[] {
  return words.map((w) => ({ joined: map(w.joined), parts: w.parts.map(map) }));
}

/** A search as an FTS5 MATCH expression: `("diy" OR "d" + "i" + "y") AND …`. */
export function fts5Query(words: readonly QueryWord[]): string {
  return words
    .map((w) =>
      w.parts.length > 0
        ? `("${w.joined}" OR ${w.parts.map((p) => `"${p}"`).join(" + ")})`
        : `"${w.joined}"`,
    )
    .join(" AND ");
}

/** A search as a PostgreSQL tsquery literal: `('diy' | 'd' <-> 'i' <-> 'y') & …`. */
export function tsqueryLiteral(words: readonly QueryWord[]): string {
  const quote = (t: string) => `'${t.replace(/['\\]/g, (c) => `\\${c}`)}'`;
  return words
    .map((w) =>
      w.parts.length > 0
        ? `(${quote(w.joined)} | (${w.parts.map(quote).join(" <-> ")}))`
        : quote(w.joined),
    )
    .join(" & ");
}

/**
 * A term as the index holds it when encryption is on: HMAC-SHA256 under the search key, the
 * first 16 hex digits (64 bits: no two words of a project's vocabulary share one in practice).
 */
export function hashTerm(key: Uint8Array, term: string): string {
  let hasher = hashers.get(key);
  if (!hasher) {
    hasher = new TermHasher(key);
    hashers.set(key, hasher);
  }
  return hasher.hash(term);
}

const hashers = new WeakMap<Uint8Array, TermHasher>();

/** Terms whose hashes a key keeps (a vocabulary's common words; ~100 bytes each). */
const TERM_CACHE_SIZE = 20_000;

/**
 * HMAC-SHA256 of terms under one key, remembering the words documents share ("the", "invoice",
 * "total"), the oldest forgotten first. A new HMAC per term costs 3–5 µs, and a contract has ~700
 * distinct terms; after 30 Kleister-NDA contracts 92 % of the next ones' terms (93 % of ZUGFeRD
 * invoices') were already known, 6,200 terms in all. (Copying precomputed inner and outer hash
 * states per term was slower than a new HMAC.)
 */
class TermHasher {
  private readonly cache = new Map<string, string>();

  constructor(private readonly key: Uint8Array) {}

  hash(term: string): string {
    const known = this.cache.get(term);
    if (known !== undefined) return known;
    const hashed = createHmac("sha256", this.key).update(term, "utf8").digest("hex").slice(0, 16);
    if (this.cache.size >= TERM_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(term, hashed);
    return hashed;
  }
}
