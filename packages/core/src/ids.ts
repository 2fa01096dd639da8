const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * Time-sortable random id with a type prefix, e.g. `doc_01jf3…` (a ULID in lower case): 10
 * characters of milliseconds, then 16 random characters (80 bits). Within one millisecond the
 * random part is incremented, so ids made by one process sort in creation order. Browser-safe.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  if (now <= lastTime) {
    incrementRandom();
  } else {
    lastTime = now;
    const bytes = new Uint8Array(RANDOM_CHARS);
    crypto.getRandomValues(bytes);
    // Keep the top digit small so that increments within a millisecond never overflow.
    lastRandom = Array.from(bytes, (b, i) => (i === 0 ? b % 16 : b % 32));
  }
  let time = lastTime;
  let head = "";
  for (let i = 0; i < TIME_CHARS; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  return `${prefix}_${head}${lastRandom.map((d) => ALPHABET[d]).join("")}`;
}

function incrementRandom(): void {
  for (let i = RANDOM_CHARS - 1; i >= 0; i--) {
    const digit = (lastRandom[i] ?? 0) + 1;
    if (digit < 32) {
      lastRandom[i] = digit;
      return;
    }
    lastRandom[i] = 0;
  }
}
