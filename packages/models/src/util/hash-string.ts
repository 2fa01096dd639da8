/**
 * 32-bit FNV-1a over UTF-16 code units with a murmur3 finalizer (so low bits spread well when
 * taken modulo a bucket count). Stable across platforms: feature hashing depends on it, so a
 * change here invalidates every trained model (bump `FEATURIZER_VERSION`).
 */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finalizeHash(h);
}

/** murmur3's 32-bit finalizer: every input bit affects every output bit. */
export function finalizeHash(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
