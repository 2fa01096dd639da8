import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { buildDocumentView } from "../layout/document-view";
import { loadTestDocuments } from "../test-support/test-documents";
import {
  featurizeTokens,
  TOKEN_FEATURIZER_VERSION,
  tokenDenseFeatureNames,
} from "./token-features";
import { PATTERN_FLAGS, patternFlags, wordShape } from "./token-patterns";

const flagsOf = (text: string) => {
  const values = patternFlags(text);
  return new Set(PATTERN_FLAGS.filter((_, i) => values[i] === 1));
};

describe("patternFlags", () => {
  it("recognizes the value patterns of real receipts and invoices", () => {
    expect(flagsOf("25/12/2018")).toContain("date");
    expect(flagsOf("9.00")).toContain("amount_2dp");
    expect(flagsOf("1.234,56")).toContain("amount");
    expect(flagsOf("6%")).toContain("percentage");
    expect(flagsOf("DE123456789")).toContain("vat_id");
    expect(flagsOf("NL810433941B01")).toContain("vat_id");
    expect(flagsOf("DE88200800000970375700")).toContain("iban");
    expect(flagsOf("80333")).toContain("postcode");
    expect(flagsOf("TD01167104")).toContain("id_like");
    expect(flagsOf("€")).toContain("currency");
    expect(flagsOf("RM")).toContain("currency");
    expect(flagsOf("April")).toContain("month_name");
    expect(flagsOf("two")).toContain("number_word");
    expect(flagsOf("years")).toContain("unit_word");
    expect(flagsOf("Inc.,")).toContain("org_suffix");
    expect(flagsOf("TOTAL:")).toEqual(
      new Set(["has_alpha", "all_upper", "ends_colon", "len_6_10"]),
    );
  });

  it("keeps OCR-broken tokens recognizable by shape", () => {
    expect(wordShape("25/12/2018")).toBe("dd/dd/dd");
    expect(wordShape("T0TAL")).toBe("XdXX");
    expect(wordShape("Rechnungsnummer:")).toBe("Xxx:");
  });
});

describe("featurizeTokens", () => {
  const [doc] = loadTestDocuments("sroie");
  const view = buildDocumentView(doc!.layout);
  const categories = DEFAULT_LABEL_SCHEMA.categories.map((c) => c.name);
  const config = { version: TOKEN_FEATURIZER_VERSION, hashDim: 1024, categories };

  it("gives one row per token with named dense features and hashed features in range", () => {
    const m = featurizeTokens(view, "receipt", config);
    expect(m.rows).toBe(view.tokens.length);
    expect(m.denseDim).toBe(tokenDenseFeatureNames(categories).length);
    expect(Math.max(...m.indices)).toBeLessThan(1024);
    expect(m.offsets[m.rows]).toBe(m.indices.length);
    // Every token has its own word, shape and neighbour features at least.
    for (let r = 0; r < m.rows; r++) expect(m.offsets[r + 1]! - m.offsets[r]!).toBeGreaterThan(10);
  });

  it("is a pure function of the layout and the category", () => {
    const a = featurizeTokens(view, "receipt", config);
    const b = featurizeTokens(buildDocumentView(doc!.layout), "receipt", config);
    expect(b.indices).toEqual(a.indices);
    expect(b.dense).toEqual(a.dense);
    const c = featurizeTokens(view, "invoice", config);
    expect(c.dense).not.toEqual(a.dense);
  });

  it("featurizes a sample of rows exactly as those rows of the whole document", () => {
    const all = featurizeTokens(view, "receipt", config);
    const rows = [40, 3, 17];
    const some = featurizeTokens(view, "receipt", config, rows);
    expect(some.rows).toBe(3);
    rows.forEach((r, j) => {
      expect(some.indices.slice(some.offsets[j], some.offsets[j + 1])).toEqual(
        all.indices.slice(all.offsets[r], all.offsets[r + 1]),
      );
      expect(some.dense.slice(j * some.denseDim, (j + 1) * some.denseDim)).toEqual(
        all.dense.slice(r * all.denseDim, (r + 1) * all.denseDim),
      );
    });
  });

  it("marks the key phrase to the left of a total", () => {
    const names = tokenDenseFeatureNames(categories);
    const m = featurizeTokens(view, "receipt", config);
    const at = view.tokens.findIndex(
      (t, i) =>
        t.token.text === "9.00" &&
        i > 0 &&
        /TOTAL/.test(view.tokens[i - 1]!.token.text + view.tokens[i - 2]!.token.text),
    );
    expect(at).toBeGreaterThan(0);
    expect(m.dense[at * m.denseDim + names.indexOf("kp_line_left_total")]).toBe(1);
    expect(m.dense[at * m.denseDim + names.indexOf("amount_2dp")]).toBe(1);
  });
});

describe("featurizeTokens options", () => {
  const [doc] = loadTestDocuments("sroie");
  const view = buildDocumentView(doc!.layout);
  const categories = DEFAULT_LABEL_SCHEMA.categories.map((c) => c.name);
  const base = { version: TOKEN_FEATURIZER_VERSION, hashDim: 1024, categories };
  const sumOfValues = (m: ReturnType<typeof featurizeTokens>) =>
    m.values.reduce((a, b) => a + b, 0);

  it("identityWeight scales the token's own word features; 1 is the default", () => {
    const plain = featurizeTokens(view, "receipt", base);
    expect(featurizeTokens(view, "receipt", { ...base, identityWeight: 1 })).toEqual(plain);
    const none = featurizeTokens(view, "receipt", { ...base, identityWeight: 0 });
    // fewer hashed entries, the same dense part (positions, patterns, key phrases)
    expect(none.indices.length).toBeLessThan(plain.indices.length);
    expect(none.dense).toEqual(plain.dense);
    const low = featurizeTokens(view, "receipt", { ...base, identityWeight: 0.3 });
    expect(low.indices.length).toBe(plain.indices.length);
    expect(sumOfValues(low)).toBeLessThan(sumOfValues(plain));
  });

  it("labelContext adds the nearest labels' features and is off by default", () => {
    const plain = featurizeTokens(view, "receipt", base);
    expect(featurizeTokens(view, "receipt", { ...base, labelContext: false })).toEqual(plain);
    const withLabels = featurizeTokens(view, "receipt", { ...base, labelContext: true });
    expect(withLabels.indices.length).toBe(plain.indices.length + 4 * view.tokens.length);
  });
});
