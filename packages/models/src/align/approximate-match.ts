export interface ApproximateMatch {
  /** [start, end) in the text. */
  start: number;
  end: number;
  distance: number;
}

/**
 * Where `pattern` occurs in `text` with at most `maxDistance` edits (Sellers' algorithm: edit
 * distance with a free start and end in the text). Returns the best match around each local
 * minimum, non-overlapping, best first. O(|pattern|·|text|) time, O(|pattern|) memory.
 */
export function approximateMatches(
  pattern: string,
  text: string,
  maxDistance: number,
): ApproximateMatch[] {
  const m = pattern.length;
  if (m === 0) return [];
  if (maxDistance === 0) {
    const out: ApproximateMatch[] = [];
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
      out.push({ start: at, end: at + m, distance: 0 });
    }
    return out;
  }
  const dist = new Int32Array(m + 1);
  const origin = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) dist[i] = i;
  const ends: ApproximateMatch[] = [];
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    let diag = dist[0]!;
    let diagOrigin = j;
    // Row 0 is free: a match may start anywhere.
    dist[0] = 0;
    origin[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const up = dist[i]!;
      const upOrigin = origin[i]!;
      let best = diag + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      let bestOrigin = diagOrigin;
      if (up + 1 < best) {
        best = up + 1;
        bestOrigin = upOrigin;
      }
      if (dist[i - 1]! + 1 < best) {
        best = dist[i - 1]! + 1;
        bestOrigin = origin[i - 1]!;
      }
      diag = up;
      diagOrigin = upOrigin;
      dist[i] = best;
      origin[i] = bestOrigin;
    }
    if (dist[m]! <= maxDistance) ends.push({ start: origin[m]!, end: j + 1, distance: dist[m]! });
  }
  // Best first; among equals, the extent closest to the pattern's length (substitutions rather
  // than deletions: "TOTALRM9OO" over "TOTALRM9").
  const off = (x: ApproximateMatch) => Math.abs(x.end - x.start - m);
  ends.sort((a, b) => a.distance - b.distance || off(a) - off(b) || a.start - b.start);
  const out: ApproximateMatch[] = [];
  for (const match of ends) {
    if (out.some((o) => match.start < o.end && o.start < match.end)) continue;
    out.push(match);
  }
  return out;
}

/** Levenshtein distance (two rows). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** 1 − normalized edit distance, in [0, 1]. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}
