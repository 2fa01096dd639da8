import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  documentTerms,
  fts5Query,
  hashTerm,
  MAX_QUERY_TERMS,
  queryWords,
  tsqueryLiteral,
} from "./search-terms";

describe("search terms", () => {
  it("index the parts of a punctuated word and the parts joined", () => {
    expect(documentTerms("MR. D.I.Y. (M) SDN BHD")).toEqual([
      "mr",
      "d",
      "i",
      "y",
      "diy",
      "m",
      "sdn",
      "bhd",
    ]);
    expect(documentTerms("TOTAL: RM 12.50")).toEqual(["total", "rm", "12", "50", "1250"]);
  });

  it("normalize with NFKC and lower case, keeping accents", () => {
    // Full-width letters are the ASCII ones after NFKC; an accent stays a different word.
    expect(documentTerms("ＤＩＹ Café")).toEqual(["diy", "café"]);
    expect(queryWords("cafe")).toEqual([{ joined: "cafe", parts: [] }]);
  });

  it("search a punctuated word by its joined form or by its parts in a row", () => {
    expect(queryWords("MR. D.I.Y")).toEqual([
      { joined: "mr", parts: [] },
      { joined: "diy", parts: ["d", "i", "y"] },
    ]);
    const words = queryWords("K3-113");
    expect(fts5Query(words)).toBe('("k3113" OR "k3" + "113")');
    expect(tsqueryLiteral(words)).toBe("('k3113' | ('k3' <-> '113'))");
    expect(queryWords("... -- !!")).toEqual([]);
    expect(queryWords("a a A")).toHaveLength(1);
    const many = Array.from({ length: 50 }, (_, i) => `w${i}`).join(" ");
    expect(queryWords(many)).toHaveLength(MAX_QUERY_TERMS);
  });

  it("hash a term under a key: 16 hex digits, the same for the same key and term only", () => {
    const key = Buffer.alloc(32, 1);
    const other = Buffer.alloc(32, 2);
    expect(hashTerm(key, "diy")).toMatch(/^[0-9a-f]{16}$/);
    expect(hashTerm(key, "diy")).toBe(hashTerm(key, "diy"));
    expect(hashTerm(key, "diy")).not.toBe(hashTerm(other, "diy"));
    expect(hashTerm(key, "diy")).not.toBe(hashTerm(key, "diys"));
  });

  it("is HMAC-SHA256 under the key, truncated, whatever the key's length or the term", () => {
    const terms = [
      "diy",
      "",
      "rechnungsbetrag",
      "größe",
      "合計",
      "😀x",
      ...Array.from({ length: 50 }, (_, i) => `t${i}`),
    ];
    for (const bytes of [16, 32, 64, 100]) {
      const k = new Uint8Array(bytes).map((_, i) => (i * 37 + bytes) & 0xff);
      // Twice: the second round comes from the hasher's memory.
      for (let round = 0; round < 2; round++) {
        for (const term of terms) {
          const expected = createHmac("sha256", k).update(term, "utf8").digest("hex").slice(0, 16);
          expect(hashTerm(k, term), `${bytes}-byte key, ${term}`).toBe(expected);
        }
      }
    }
  });
});
