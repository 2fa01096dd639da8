import type { EInvoiceLineItem } from "@pagewise/core";
import { LINE_ITEM_COLUMNS, type LineItemColumn, UNIT_CODES } from "./line-item-lexicon";
import type { LineItemRow } from "./read-line-items";

/** Ground truth of one row: the e-invoice XML's line (`EInvoiceLineItem`) is one. */
export type LineItemTruth = Pick<EInvoiceLineItem, LineItemColumn>;

export interface ColumnScore {
  precision: number;
  recall: number;
  f1: number;
  /** Cells of this column in the ground truth. */
  support: number;
}

export interface TableScore {
  rowPrecision: number;
  rowRecall: number;
  rowF1: number;
  /** Rows in the ground truth. */
  rows: number;
  columns: Record<LineItemColumn, ColumnScore>;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Descriptions match when most words of the shorter one are in the longer one. */
export function descriptionMatches(predicted: string, truth: string): boolean {
  const a = words(predicted);
  const b = new Set(words(truth));
  if (a.length === 0 || b.size === 0) return false;
  const shorter = a.length <= b.size ? a : [...b];
  const longer = a.length <= b.size ? b : new Set(a);
  const shared = shorter.filter((w) => longer.has(w)).length;
  return shared / shorter.length >= 0.6;
}

function numbersEqual(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) < 0.005;
}

/** Whether a predicted cell holds the truth's value (units by their UN/ECE codes). */
export function cellMatches(
  column: LineItemColumn,
  row: LineItemRow,
  truth: LineItemTruth,
): boolean {
  const cell = row.cells[column];
  const expected = truth[column];
  if (!cell || expected === null) return false;
  if (column === "description") return descriptionMatches(cell.value, expected);
  if (column === "unit") {
    const codes = UNIT_CODES[cell.value.toLowerCase()] ?? [cell.normalized ?? ""];
    return codes.includes(expected.toUpperCase());
  }
  return numbersEqual(cell.normalized, expected);
}

/** How alike two rows are; 0 = not the same row. */
function rowSimilarity(row: LineItemRow, truth: LineItemTruth): number {
  const description = cellMatches("description", row, truth);
  const amount = cellMatches("amount", row, truth);
  const price = cellMatches("unitPrice", row, truth);
  const quantity = cellMatches("quantity", row, truth);
  if (!description && !(amount && (price || quantity))) return 0;
  return (description ? 2 : 0) + (amount ? 1 : 0) + (price ? 0.5 : 0) + (quantity ? 0.5 : 0);
}

/** Pairs of predicted and true rows of one document, most alike first, each row used once. */
export function matchRows(
  predicted: readonly LineItemRow[],
  truth: readonly LineItemTruth[],
): [number, number][] {
  const candidates: { p: number; t: number; s: number }[] = [];
  predicted.forEach((row, p) => {
    truth.forEach((line, t) => {
      const s = rowSimilarity(row, line);
      if (s > 0) candidates.push({ p, t, s });
    });
  });
  candidates.sort((a, b) => b.s - a.s || a.p - b.p || a.t - b.t);
  const usedP = new Set<number>();
  const usedT = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (usedP.has(c.p) || usedT.has(c.t)) continue;
    usedP.add(c.p);
    usedT.add(c.t);
    pairs.push([c.p, c.t]);
  }
  return pairs;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** Lines of an XML that hold nothing (some generators write an empty first line). */
export function isEmptyLine(line: LineItemTruth): boolean {
  return LINE_ITEM_COLUMNS.every((c) => line[c] === null || line[c] === "");
}

/**
 * Row precision, recall and F1 (a predicted row is right when it pairs with a true row) and,
 * per column, cell F1 over all rows: a cell counts as right only in a paired row with the true
 * value, so a missed row costs its cells' recall and a spurious one their precision.
 */
export function scoreLineItems(
  documents: readonly { predicted: readonly LineItemRow[]; truth: readonly LineItemTruth[] }[],
): TableScore {
  let predictedRows = 0;
  let trueRows = 0;
  let matched = 0;
  const counts = Object.fromEntries(
    LINE_ITEM_COLUMNS.map((c) => [c, { predicted: 0, truth: 0, right: 0 }]),
  ) as Record<LineItemColumn, { predicted: number; truth: number; right: number }>;
  for (const doc of documents) {
    const truth = doc.truth.filter((line) => !isEmptyLine(line));
    predictedRows += doc.predicted.length;
    trueRows += truth.length;
    for (const row of doc.predicted)
      for (const c of LINE_ITEM_COLUMNS) if (row.cells[c]) counts[c].predicted++;
    for (const line of truth)
      for (const c of LINE_ITEM_COLUMNS) if (line[c] !== null && line[c] !== "") counts[c].truth++;
    const pairs = matchRows(doc.predicted, truth);
    matched += pairs.length;
    for (const [p, t] of pairs)
      for (const c of LINE_ITEM_COLUMNS)
        if (cellMatches(c, doc.predicted[p]!, truth[t]!)) counts[c].right++;
  }
  const rowPrecision = ratio(matched, predictedRows);
  const rowRecall = ratio(matched, trueRows);
  const columns = Object.fromEntries(
    LINE_ITEM_COLUMNS.map((c) => {
      const { predicted, truth, right } = counts[c];
      const precision = ratio(right, predicted);
      const recall = ratio(right, truth);
      return [c, { precision, recall, f1: f1(precision, recall), support: truth }];
    }),
  ) as Record<LineItemColumn, ColumnScore>;
  return {
    rowPrecision,
    rowRecall,
    rowF1: f1(rowPrecision, rowRecall),
    rows: trueRows,
    columns,
  };
}
