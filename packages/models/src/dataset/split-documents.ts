import { hashString } from "../util/hash-string";

export interface SplitOptions<T> {
  seed: number;
  /** Share of documents held out (default 0.2). */
  testShare?: number;
  /**
   * The group of a document (an invoice's vendor), or undefined: a group is held out or trained
   * on as a whole, so a model is scored on vendors it never saw. Documents without a group are
   * split one by one.
   */
  groupOf?: (item: T) => string | undefined;
}

const rankOf = (key: string, seed: number) => hashString(key, (0x9e3779b9 ^ seed) >>> 0);

/**
 * A deterministic split by document id: documents are ranked by a seeded hash of their id and the
 * first `round(n · testShare)` are held out, so the split depends only on the ids and the seed
 * (not on file order). Default 80/20. With `groupOf`, grouped documents are split by group (see
 * `splitGroups`) and the others as above.
 */
export function splitDocuments<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  options: SplitOptions<T>,
): { train: T[]; test: T[] } {
  const share = options.testShare ?? 0.2;
  const groupOf = options.groupOf ?? (() => undefined);
  const single = items.filter((i) => groupOf(i) === undefined);
  const ranked = single
    .map((item) => ({ item, rank: rankOf(idOf(item), options.seed) }))
    .sort((a, b) => a.rank - b.rank || (idOf(a.item) < idOf(b.item) ? -1 : 1));
  // Exactly round(n * share) documents are held out, chosen by rank (not a hash threshold), so
  // small sets still get a test part of the expected size.
  const nTest = Math.round(single.length * share);
  const testItems = new Set(ranked.slice(0, nTest).map((r) => r.item));
  const groups = new Map<string, number>();
  for (const item of items) {
    const g = groupOf(item);
    if (g !== undefined) groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  const testGroups = splitGroups(groups, share, options.seed);
  return {
    train: items.filter((i) => !isTest(i)),
    test: items.filter((i) => isTest(i)),
  };
  function isTest(item: T): boolean {
    const g = groupOf(item);
    return g === undefined ? testItems.has(item) : testGroups.has(g);
  }
}

/**
 * Which groups (name → documents) are held out: groups in the order of a seeded hash of their
 * name, each taken when it brings the held-out count closer to `share` of the documents. With
 * two or more groups at least one is held out (the smallest when every group is too large) and
 * at least one kept for training.
 */
export function splitGroups(
  groups: ReadonlyMap<string, number>,
  share: number,
  seed: number,
): Set<string> {
  const names = [...groups.keys()].sort(
    (a, b) => rankOf(a, seed) - rankOf(b, seed) || (a < b ? -1 : 1),
  );
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  const target = total * share;
  const test = new Set<string>();
  let held = 0;
  for (const name of names) {
    const size = groups.get(name)!;
    if (Math.abs(held + size - target) < Math.abs(held - target)) {
      if (test.size + 1 >= names.length && names.length >= 2) continue; // keep one to train on
      test.add(name);
      held += size;
    }
  }
  if (test.size === 0 && names.length >= 2) {
    // Every group is larger than the share: hold out the smallest (first in hash order on ties).
    test.add(names.reduce((best, n) => (groups.get(n)! < groups.get(best)! ? n : best)));
  }
  return test;
}

/**
 * The k folds of documents: ungrouped documents round robin over ids in sorted order, so a fold
 * is reproducible; with `groupOf`, each group goes whole to one fold (largest groups first, each
 * to the fold with the fewest documents, ties broken by a hash of the group), so no group is
 * both trained on and scored.
 */
export function foldDocuments<T extends { id: string }>(
  docs: readonly T[],
  k: number,
  groupOf: (doc: T) => string | undefined = () => undefined,
): T[][] {
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const folds: T[][] = Array.from({ length: k }, () => []);
  const members = new Map<string, T[]>();
  let i = 0;
  for (const doc of sorted) {
    const g = groupOf(doc);
    if (g === undefined) folds[i++ % k]!.push(doc);
    else members.set(g, [...(members.get(g) ?? []), doc]);
  }
  const groupSizes = new Array<number>(k).fill(0);
  const order = [...members.entries()].sort(
    (a, b) =>
      b[1].length - a[1].length || rankOf(a[0], 0) - rankOf(b[0], 0) || (a[0] < b[0] ? -1 : 1),
  );
  for (const [, group] of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (groupSizes[f]! < groupSizes[best]!) best = f;
    folds[best]!.push(...group);
    groupSizes[best]! += group.length;
  }
  return folds.map((fold) => fold.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
