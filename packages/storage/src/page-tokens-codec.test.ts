import type { Token } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { decodePageTokens, encodePageTokens } from "./page-tokens-codec";

const token = (page: number, i: number, over: Partial<Token> = {}): Token => ({
  id: `${page}:${i}`,
  text: `w${i}`,
  box: [0.1 + i / 3, 1 / 7, 0.2 + i / 3, 2 / 7],
  confidence: 1,
  line: Math.floor(i / 4),
  ...over,
});

describe("page tokens as stored", () => {
  it("read back exactly what was written: every double to the bit, ids, texts, lines", () => {
    const tokens = Array.from({ length: 50 }, (_, i) =>
      token(3, i, {
        confidence: i % 3 ? 0.91234567891 : 1,
        text: i === 7 ? 'größe 😀 "q"' : `w${i}`,
      }),
    );
    const json = encodePageTokens(tokens, 3);
    expect(decodePageTokens(json, 3)).toStrictEqual(tokens);
    // Half the size of the old JSON array of tokens, or better.
    expect(json.length).toBeLessThan(JSON.stringify(tokens).length * 0.6);
  });

  it("keeps ids that do not follow the page's numbering, and one shared confidence once", () => {
    const imported = [token(0, 0, { id: "a" }), token(0, 1, { id: "b" })];
    expect(decodePageTokens(encodePageTokens(imported, 0), 0)).toStrictEqual(imported);
    const shifted = [token(1, 0), token(1, 1)];
    // Written as page 1's tokens, read back as page 1's; their ids are not page 2's.
    expect(decodePageTokens(encodePageTokens(shifted, 2), 2)).toStrictEqual(shifted);
    const text = Array.from({ length: 10 }, (_, i) => token(0, i));
    expect(JSON.parse(encodePageTokens(text, 0))).toMatchObject({ id: null, confidence: 1 });
  });

  it("reads rows written before: a JSON array of tokens; and an empty page", () => {
    const tokens = [token(0, 0), token(0, 1)];
    expect(decodePageTokens(JSON.stringify(tokens), 0)).toStrictEqual(tokens);
    expect(decodePageTokens(encodePageTokens([], 4), 4)).toStrictEqual([]);
  });

  it("stores -0 as 0, as JSON did", () => {
    const [read] = decodePageTokens(
      encodePageTokens([token(0, 0, { box: [-0, 0, 0.5, 0.5] })], 0),
      0,
    );
    expect(Object.is(read!.box[0], 0)).toBe(true);
  });
});
