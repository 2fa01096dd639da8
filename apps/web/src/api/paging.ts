/**
 * The largest page the API gives of versions and alias history: the screens show the newest
 * this many (a model with more versions than that shows its latest ones).
 */
export const MAX_PAGE = 500;

/** A page fetched newest first (`order=desc`: the latest moves), put back in time order. */
export function oldestFirst<T extends { items: readonly unknown[] }>(page: T): T {
  return { ...page, items: [...page.items].reverse() };
}
