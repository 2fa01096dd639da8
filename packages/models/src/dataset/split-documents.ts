import { hashString } from "../util/hash-string";

/**
 * A deterministic split by document id: documents are ranked by a seeded hash of their id and the
 * first `round(n · testShare)` are held out, so the split depends only on the ids and the seed
 * (not on file order). Default 80/20.
 */
export function splitDocuments<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  options: { seed: number; testShare?: number },
): { train: T[]; test: T[] } {
  const share = options.testShare ?? 0.2;
  const ranked = items
    .map((item) => ({ item, rank: hashString(idOf(item), (0x9e3779b9 ^ options.seed) >>> 0) }))
    .sort((a, b) => a.rank - b.rank || (idOf(a.item) < idOf(b.item) ? -1 : 1));
  // Exactly round(n * share) documents are held out, chosen by rank (not a hash threshold), so
  // small sets still get a test part of the expected size.
  const nTest = Math.round(items.length * share);
  const testIds = new Set(ranked.slice(0, nTest).map((r) => r.item));
  return {
    train: items.filter((i) => !testIds.has(i)),
    test: items.filter((i) => testIds.has(i)),
  };
}
