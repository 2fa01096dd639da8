import { describe, expect, it } from "vitest";
import type { DocumentView, LabelSchema, Layout } from "../../api/types";
import { type DraftState, draftReducer } from "./draft-reducer";
import {
  entryLocation,
  indexTokens,
  initialDraft,
  isCorrection,
  reviewBody,
  reviewProblems,
  tokensStillSpell,
  toViewPages,
  valueFromTokens,
} from "./review-model";

const schema: LabelSchema = {
  version: 1,
  categories: [
    {
      name: "receipt",
      fields: [
        { name: "company", type: "text", required: true },
        { name: "total", type: "amount", required: true },
      ],
    },
    {
      name: "contract",
      fields: [
        { name: "parties", type: "list", required: true },
        { name: "company", type: "text", required: false },
      ],
    },
  ],
};

// Two lines; the words of line 0 are listed out of reading order on purpose.
const layout: Layout = {
  coordinates: "normalized",
  pages: [
    {
      index: 0,
      width: 1000,
      height: 1000,
      source: "import",
      error: null,
      tokens: [
        { id: "0:0", text: "MART", box: [0.3, 0.1, 0.4, 0.12], confidence: 1, line: 0 },
        { id: "0:1", text: "FRESH", box: [0.1, 0.1, 0.2, 0.12], confidence: 1, line: 0 },
        { id: "0:2", text: "TOTAL", box: [0.1, 0.5, 0.2, 0.52], confidence: 1, line: 1 },
        { id: "0:3", text: "25.85", box: [0.5, 0.5, 0.6, 0.52], confidence: 1, line: 1 },
      ],
    },
  ],
};
const tokens = indexTokens(toViewPages(layout));

function document(overrides: Partial<DocumentView> = {}): DocumentView {
  return {
    id: "doc_1",
    status: "needs_review",
    filename: "r.jpg",
    mime: "image/jpeg",
    sizeBytes: 1,
    sha256: "x",
    pageCount: 1,
    error: null,
    reviewReasons: [],
    category: { name: "receipt", confidence: 0.9, modelVersion: 1 },
    fields: [
      {
        name: "total",
        value: "TOTAL",
        normalized: null,
        confidence: 0.4,
        page: 0,
        box: [0.1, 0.5, 0.2, 0.52],
        tokenIds: ["0:2"],
        source: "model",
        modelVersion: 1,
      },
    ],
    einvoice: null,
    lineItems: null,
    minConfidence: 0.4,
    review: null,
    createdAt: "",
    updatedAt: "",
    processedAt: null,
    ...overrides,
  };
}

function start(doc = document()): DraftState {
  return { draft: initialDraft(doc, schema), history: [], future: [], typingIn: null };
}
const reduce = draftReducer({ schema, tokens });

describe("review values from words", () => {
  it("reads clicked words in reading order, whatever order they were clicked in", () => {
    expect(valueFromTokens(["0:3", "0:0", "0:1"], tokens)).toBe("FRESH MART 25.85");
  });

  it("keeps the words linked only while a typed value still spells them", () => {
    expect(tokensStillSpell("fresh-mart", ["0:1", "0:0"], tokens)).toBe(true);
    expect(tokensStillSpell("FRESH MARKET", ["0:1", "0:0"], tokens)).toBe(false);
  });

  it("boxes an entry around its words on their page", () => {
    const entry = { ...start().draft.entries[0]!, tokenIds: ["0:1", "0:0"] };
    expect(entryLocation(entry, tokens)).toEqual({ page: 0, box: [0.1, 0.1, 0.4, 0.12] });
  });
});

describe("the review draft", () => {
  it("starts from the predictions, one entry per field of the predicted category", () => {
    const { draft } = start();
    expect(draft.category).toBe("receipt");
    expect(draft.entries.map((e) => [e.name, e.value, e.predicted?.confidence])).toEqual([
      ["company", "", undefined],
      ["total", "TOTAL", 0.4],
    ]);
  });

  it("starts from the latest review when there is one", () => {
    const review = {
      id: "rev_1",
      actor: "tok",
      actorName: null,
      source: "review" as const,
      complete: true,
      category: "receipt",
      createdAt: "",
      fields: [
        {
          name: "total",
          value: "25.85",
          normalized: "25.85",
          tokenIds: ["0:3"],
          page: 0,
          box: null,
          verdict: null,
        },
      ],
      absent: [],
    };
    const { draft } = start(document({ review }));
    const total = draft.entries.find((e) => e.name === "total")!;
    expect(total).toMatchObject({ value: "25.85", tokenIds: ["0:3"], accepted: true });
    expect(total.predicted?.value).toBe("TOTAL");
  });

  it("assigns clicked words, adds or removes with Shift, and undoes step by step", () => {
    let state = reduce(start(), {
      type: "assign-tokens",
      key: "total#0",
      tokenIds: ["0:3"],
      mode: "replace",
    });
    state = reduce(state, {
      type: "assign-tokens",
      key: "total#0",
      tokenIds: ["0:2"],
      mode: "toggle",
    });
    expect(state.draft.entries[1]).toMatchObject({
      value: "TOTAL 25.85",
      tokenIds: ["0:2", "0:3"],
    });
    state = reduce(state, {
      type: "assign-tokens",
      key: "total#0",
      tokenIds: ["0:2"],
      mode: "toggle",
    });
    expect(state.draft.entries[1]!.value).toBe("25.85");
    state = reduce(state, { type: "undo" });
    state = reduce(state, { type: "undo" });
    expect(state.draft.entries[1]).toMatchObject({ value: "25.85", tokenIds: ["0:3"] });
  });

  it("undoes a run of keystrokes in one field as one step", () => {
    let state = start();
    for (const value of ["A", "AC", "ACM", "ACME"]) {
      state = reduce(state, { type: "type-value", key: "company#0", value });
    }
    expect(state.history).toHaveLength(1);
    expect(reduce(state, { type: "undo" }).draft.entries[0]!.value).toBe("");
  });

  it("accepts a field and moves on to the next one still to check", () => {
    const state = reduce(start(), { type: "accept", key: "company#0" });
    expect(state.draft.entries[0]!.accepted).toBe(true);
    expect(state.draft.selectedKey).toBe("total#0");
  });

  it("keeps the values a new category shares and offers its other fields empty", () => {
    let state = reduce(start(), { type: "type-value", key: "company#0", value: "ACME" });
    state = reduce(state, { type: "set-category", category: "contract" });
    expect(state.draft.entries.map((e) => [e.key, e.value])).toEqual([
      ["parties#0", ""],
      ["company#0", "ACME"],
    ]);
    state = reduce(state, { type: "add-entry", name: "parties" });
    expect(state.draft.entries.map((e) => e.key)).toEqual(["parties#0", "parties#1", "company#0"]);
  });

  it("sends every non-empty value, with its words when it has them", () => {
    let state = reduce(start(), { type: "type-value", key: "company#0", value: " ACME " });
    state = reduce(state, {
      type: "assign-tokens",
      key: "total#0",
      tokenIds: ["0:3"],
      mode: "replace",
    });
    expect(reviewBody(state.draft)).toEqual({
      category: "receipt",
      fields: [
        { name: "company", value: "ACME" },
        { name: "total", value: "25.85", tokenIds: ["0:3"] },
      ],
      complete: true,
    });
  });

  it("redoes what was undone, step by step, until a new change forgets it", () => {
    let state = reduce(start(), { type: "type-value", key: "company#0", value: "ACME" });
    state = reduce(state, { type: "clear", key: "total#0" });
    state = reduce(state, { type: "undo" });
    state = reduce(state, { type: "undo" });
    expect(state.draft.entries.map((e) => e.value)).toEqual(["", "TOTAL"]);
    state = reduce(state, { type: "redo" });
    expect(state.draft.entries.map((e) => e.value)).toEqual(["ACME", "TOTAL"]);
    state = reduce(state, { type: "redo" });
    expect(state.draft.entries.map((e) => e.value)).toEqual(["ACME", ""]);
    expect(reduce(state, { type: "redo" })).toBe(state);
    state = reduce(state, { type: "undo" });
    state = reduce(state, { type: "type-value", key: "company#0", value: "ACME LTD" });
    expect(state.future).toEqual([]);
    expect(reduce(state, { type: "redo" })).toBe(state);
  });

  it("marks a field not in this document: its value goes and it is sent as absent", () => {
    let state = reduce(start(), { type: "toggle-absent", key: "total#0" });
    expect(state.draft.entries[1]).toMatchObject({ absent: true, value: "", tokenIds: [] });
    state = reduce(state, { type: "type-value", key: "company#0", value: "ACME" });
    expect(reviewBody(state.draft)).toEqual({
      category: "receipt",
      fields: [{ name: "company", value: "ACME" }],
      absent: ["total"],
      complete: true,
    });
    // Filling the field again takes the mark away.
    state = reduce(state, { type: "type-value", key: "total#0", value: "9.00" });
    expect(state.draft.entries[1]!.absent).toBe(false);
    expect(reviewBody(state.draft)).not.toHaveProperty("absent");
  });

  it("names required fields left empty and values nobody checked", () => {
    const category = schema.categories[0];
    let state = start();
    expect(reviewProblems(state.draft, category)).toEqual({
      missing: ["company"],
      unchecked: ["total"],
    });
    state = reduce(state, { type: "toggle-absent", key: "company#0" });
    state = reduce(state, { type: "accept-all" });
    expect(reviewProblems(state.draft, category)).toEqual({ missing: [], unchecked: [] });
    // Accepting an empty required field does not make it absent.
    state = reduce(start(), { type: "accept-all" });
    expect(reviewProblems(state.draft, category).missing).toEqual(["company"]);
  });

  it("tells a correction from the same value written another way", () => {
    const category = schema.categories[0];
    const total = {
      ...start().draft.entries[1]!,
      predicted: { value: "529,87", normalized: null, confidence: 0.4 },
    };
    expect(isCorrection({ ...total, value: "529.87" }, category)).toBe(false);
    expect(isCorrection({ ...total, value: "592.87" }, category)).toBe(true);
    expect(isCorrection({ ...total, value: "" }, category)).toBe(false);
  });
});
