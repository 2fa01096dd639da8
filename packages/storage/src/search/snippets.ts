import type { SearchableText } from "./search-index";
import { chunkTerms, queryWords } from "./search-terms";

/** A piece of a document's text around what a search matched; `highlights` are [start, end) in it. */
export interface SearchSnippet {
  text: string;
  highlights: { start: number; end: number }[];
}

/** Words of text around the matches shown in a snippet. */
const WINDOW = 24;

/**
 * The snippet of a search hit, made at query time from the document's decrypted text (the index
 * holds no text): the stretch of a page, or the field values, with the most distinct matched
 * words, matched words marked by ranges (the client marks them up; no HTML here). Null when
 * nothing in the text matches (the file name did).
 */
export function searchSnippet(text: SearchableText, q: string): SearchSnippet | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  const sources = [...text.pages, text.fields.map((f) => `${f.name}: ${f.value}`).join(" · ")];
  let best: {
    chunks: string[];
    matched: (string[] | null)[];
    from: number;
    to: number;
    score: number;
  } | null = null;
  for (const source of sources) {
    const chunks = source.split(/\s+/u).filter((c) => c !== "");
    const matched = chunks.map((chunk) => {
      const { parts, joined } = chunkTerms(chunk);
      const has = new Set([...parts, ...(joined ? [joined] : [])]);
      // A word whose parts this chunk holds counts too ("K3-113" in "K3-113,JL").
      const hits = words
        .filter(
          (w) => has.has(w.joined) || (w.parts.length > 0 && w.parts.every((p) => has.has(p))),
        )
        .map((w) => w.joined);
      return hits.length > 0 ? hits : null;
    });
    for (let i = 0; i < chunks.length; i++) {
      if (!matched[i]) continue;
      // A window starting a little before this match: how many distinct words does it hold?
      const from = Math.max(0, i - 6);
      const to = Math.min(chunks.length, from + WINDOW);
      const distinct = new Set(matched.slice(from, to).flatMap((m) => m ?? []));
      if (!best || distinct.size > best.score) {
        best = { chunks, matched, from, to, score: distinct.size };
      }
      if (best.score === words.length) break;
    }
    if (best?.score === words.length) break;
  }
  if (!best) return null;
  let out = best.from > 0 ? "… " : "";
  const highlights: SearchSnippet["highlights"] = [];
  for (let i = best.from; i < best.to; i++) {
    if (i > best.from) out += " ";
    const chunk = best.chunks[i] as string;
    if (best.matched[i]) highlights.push({ start: out.length, end: out.length + chunk.length });
    out += chunk;
  }
  if (best.to < best.chunks.length) out += " …";
  return { text: out, highlights };
}
