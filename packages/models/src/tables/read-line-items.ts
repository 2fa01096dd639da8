import {
  type Box,
  inferLocaleHints,
  type Layout,
  type NormalizeHints,
  normalizeAmount,
  type PageLayout,
  type Token,
  unionBox,
} from "@pagewise/core";
import {
  ADJUSTMENT_WORDS,
  HEADER_WORDS,
  headerKey,
  LINE_ITEM_COLUMNS,
  type LineItemColumn,
  TABLE_END_WORDS,
  UNIT_CODES,
} from "./line-item-lexicon";

/** One cell of a line-item row: the words it was read from and what they mean. */
export interface LineItemCell {
  value: string;
  /** Decimal string for numbers (`9.90`), a UN/ECE unit code for units, else the text. */
  normalized: string | null;
  confidence: number;
  box: Box;
  tokenIds: string[];
}

export interface LineItemRow {
  page: number;
  box: Box;
  confidence: number;
  cells: Partial<Record<LineItemColumn, LineItemCell>>;
}

type HeaderCategory = LineItemColumn | "position" | "other";

/** A column of the header: the words under one another (or side by side) that name it. */
interface HeaderColumn {
  category: HeaderCategory;
  x0: number;
  x1: number;
}

interface Line {
  tokens: Token[];
  y0: number;
  y1: number;
}

const NUMERIC_COLUMNS: readonly LineItemColumn[] = ["quantity", "unitPrice", "amount", "taxRate"];
/** A number further than this (page widths) from every numeric column belongs to none of them. */
const MAX_COLUMN_DISTANCE = 0.09;
/** Same-line header words closer than this belong to one label (`Unit Price`). */
const LABEL_GAP = 0.012;
/** Header lines further apart than this (page heights) are not one header. */
const HEADER_LINE_GAP = 0.03;
// When a label holds words of several columns (`Preis/ Einheit`), the first of these wins.
const CATEGORY_PRIORITY: readonly HeaderCategory[] = [
  "unitPrice",
  "amount",
  "quantity",
  "taxRate",
  "unit",
  "description",
  "position",
];
const HEADER_LOOKUP = new Map<string, HeaderCategory[]>();
for (const [category, words] of Object.entries(HEADER_WORDS)) {
  for (const word of words) {
    const list = HEADER_LOOKUP.get(word) ?? [];
    list.push(category as HeaderCategory);
    HEADER_LOOKUP.set(word, list);
  }
}

const NUMBER_TOKEN = /^[-−(]?\d[\d.,'’]*-?\)?%?$/;
const PERCENT = /%$/;

function isNumberToken(text: string): boolean {
  return NUMBER_TOKEN.test(text) && !/^\d{8,}$/.test(text.replace(/[.,]/g, ""));
}

function headerCategories(text: string): HeaderCategory[] {
  const key = headerKey(text);
  return HEADER_LOOKUP.get(key) ?? HEADER_LOOKUP.get(key.replace(/[./-]+$/, "")) ?? [];
}

function groupLines(page: PageLayout): Line[] {
  const byLine = new Map<number, Token[]>();
  for (const token of page.tokens) {
    const list = byLine.get(token.line) ?? [];
    list.push(token);
    byLine.set(token.line, list);
  }
  return [...byLine.values()]
    .map((tokens) => {
      tokens.sort((a, b) => a.box[0] - b.box[0]);
      return {
        tokens,
        y0: Math.min(...tokens.map((t) => t.box[1])),
        y1: Math.max(...tokens.map((t) => t.box[3])),
      };
    })
    .sort((a, b) => a.y0 - b.y0);
}

/** Distinct line-item columns a line names; data lines (two or more numbers) name none. */
function headerScore(line: Line): number {
  if (line.tokens.filter((t) => isNumberToken(t.text)).length > 1) return 0;
  const found = new Set<HeaderCategory>();
  for (const token of line.tokens)
    for (const c of headerCategories(token.text)) if (c !== "position") found.add(c);
  return found.size;
}

/**
 * The header: the line naming the most columns (at least two, one of them the description, the
 * amount or the price), with the header-word lines right above or below it that belong to it
 * (`Menge` above `einheit`).
 */
function findHeader(lines: Line[]): { lines: Line[]; end: number } | null {
  let best = -1;
  let bestScore = 1;
  for (let i = 0; i < lines.length; i++) {
    const score = headerScore(lines[i]!);
    if (score > bestScore) {
      const names = new Set(lines[i]!.tokens.flatMap((t) => headerCategories(t.text)));
      if (names.has("description") || names.has("amount") || names.has("unitPrice")) {
        best = i;
        bestScore = score;
      }
    }
  }
  if (best < 0) return null;
  const header = [lines[best]!];
  let end = best;
  const joins = (line: Line | undefined, near: Line) =>
    line !== undefined &&
    Math.abs(line.y0 - near.y0) < HEADER_LINE_GAP &&
    headerScore(line) > 0 &&
    !line.tokens.some((t) => isNumberToken(t.text) && !PERCENT.test(t.text));
  if (joins(lines[best - 1], lines[best]!)) header.unshift(lines[best - 1]!);
  if (joins(lines[best + 1], lines[best]!)) {
    header.push(lines[best + 1]!);
    end = best + 1;
  }
  return { lines: header, end };
}

/** Header words grouped into columns: side by side on a line, or stacked over lines. */
function headerColumns(header: Line[]): HeaderColumn[] {
  const labels: { x0: number; x1: number; words: string[] }[] = [];
  for (const line of header) {
    let current: { x0: number; x1: number; words: string[] } | undefined;
    // A number on a header line is page furniture (a year printed in the margin), not a label.
    for (const token of line.tokens.filter((t) => !isNumberToken(t.text) || PERCENT.test(t.text))) {
      if (current && token.box[0] - current.x1 < LABEL_GAP) {
        current.x1 = token.box[2];
        current.words.push(token.text);
      } else {
        current = { x0: token.box[0], x1: token.box[2], words: [token.text] };
        labels.push(current);
      }
    }
  }
  // Stack labels that overlap horizontally (a two-line header names one column in two lines).
  labels.sort((a, b) => a.x0 - b.x0);
  const stacked: { x0: number; x1: number; words: string[] }[] = [];
  for (const label of labels) {
    const over = stacked.find((s) => label.x0 < s.x1 && label.x1 > s.x0);
    if (over) {
      over.x0 = Math.min(over.x0, label.x0);
      over.x1 = Math.max(over.x1, label.x1);
      over.words.push(...label.words);
    } else stacked.push({ ...label });
  }
  return stacked
    .map((label) => {
      const found = new Set(label.words.flatMap(headerCategories));
      const category = CATEGORY_PRIORITY.find((c) => found.has(c)) ?? "other";
      return { category, x0: label.x0, x1: label.x1 };
    })
    .sort((a, b) => a.x0 - b.x0);
}

function isTableEnd(line: Line, left: number): boolean {
  const first = line.tokens.find((t) => (t.box[0] + t.box[2]) / 2 >= left);
  if (!first) return false;
  const key = headerKey(first.text);
  if (TABLE_END_WORDS.includes(key) || TABLE_END_WORDS.includes(key.replace(/[./-]+$/, "")))
    return true;
  // A heading on its own (`Zahlungsbedingungen:`) opens the next section.
  const words = line.tokens.filter((t) => (t.box[0] + t.box[2]) / 2 >= left);
  return words.length === 1 && /\p{L}.*:$/u.test(first.text);
}

/** How far a number's box is from a column's label: left, right or centre aligned. */
function columnDistance(box: Box, column: HeaderColumn): number {
  const cx = (box[0] + box[2]) / 2;
  const hx = (column.x0 + column.x1) / 2;
  return Math.min(Math.abs(cx - hx), Math.abs(box[2] - column.x1), Math.abs(box[0] - column.x0));
}

interface PendingRow {
  tokens: Partial<Record<LineItemColumn, Token[]>>;
  spare: Token[];
}

function assignLine(
  line: Line,
  columns: HeaderColumn[],
  left: number,
): { cells: Partial<Record<LineItemColumn, Token[]>>; spare: Token[]; numeric: number } {
  const cells: Partial<Record<LineItemColumn, Token[]>> = {};
  const spare: Token[] = [];
  let numeric = 0;
  const description = columns.findIndex((c) => c.category === "description");
  const descFrom = description >= 0 ? columns[description]!.x0 - 0.02 : Number.POSITIVE_INFINITY;
  const descTo =
    description >= 0 ? (columns[description + 1]?.x0 ?? 1) - 0.005 : Number.NEGATIVE_INFINITY;
  const numericColumns = columns.filter((c) =>
    NUMERIC_COLUMNS.includes(c.category as LineItemColumn),
  );
  const tokens = line.tokens.filter((t) => (t.box[0] + t.box[2]) / 2 >= left);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const text = token.text;
    const add = (column: LineItemColumn) => {
      const list = cells[column] ?? [];
      list.push(token);
      cells[column] = list;
    };
    if (text === "%" && cells.taxRate) {
      add("taxRate");
      continue;
    }
    if (/^[€$£]$|^(eur|usd|chf|gbp)$/i.test(text)) continue;
    if (isNumberToken(text)) {
      const next = tokens[i + 1]?.text;
      const percent = PERCENT.test(text) || next === "%";
      const taxColumn = numericColumns.find((c) => c.category === "taxRate");
      let column: HeaderColumn | undefined;
      if (percent && taxColumn) column = taxColumn;
      else {
        let bestDistance = MAX_COLUMN_DISTANCE;
        for (const c of numericColumns) {
          const d = columnDistance(token.box, c);
          if (d < bestDistance && !cells[c.category as LineItemColumn]) {
            bestDistance = d;
            column = c;
          }
        }
      }
      if (column) {
        add(column.category as LineItemColumn);
        numeric++;
      } else spare.push(token);
      continue;
    }
    const cx = (token.box[0] + token.box[2]) / 2;
    const unitKey = headerKey(text);
    const unitColumn = columns.find((c) => c.category === "unit");
    if (
      UNIT_CODES[unitKey] &&
      (cells.quantity || (unitColumn && columnDistance(token.box, unitColumn) < 0.05))
    ) {
      add("unit");
      continue;
    }
    if (cx >= descFrom && cx < descTo) add("description");
  }
  return { cells, spare, numeric };
}

function cellOf(tokens: Token[], normalized: string | null, confidence: number): LineItemCell {
  return {
    value: tokens.map((t) => t.text).join(" "),
    normalized,
    confidence,
    box: unionBox(tokens.map((t) => t.box)),
    tokenIds: tokens.map((t) => t.id),
  };
}

function approxEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.011, Math.abs(b) * 0.001);
}

function finishRow(pending: PendingRow, page: number, hints: NormalizeHints): LineItemRow | null {
  const cells: Partial<Record<LineItemColumn, LineItemCell>> = {};
  const numbers: Partial<Record<LineItemColumn, number>> = {};
  const wordConfidence = (tokens: Token[]) => Math.min(...tokens.map((t) => t.confidence));
  for (const column of LINE_ITEM_COLUMNS) {
    const tokens = pending.tokens[column];
    if (!tokens || tokens.length === 0) continue;
    let normalized: string | null;
    if (column === "description") normalized = tokens.map((t) => t.text).join(" ");
    else if (column === "unit") normalized = UNIT_CODES[headerKey(tokens[0]!.text)]?.[0] ?? null;
    else normalized = normalizeAmount(tokens.map((t) => t.text).join(""), hints);
    if (NUMERIC_COLUMNS.includes(column) && normalized !== null)
      numbers[column] = Number(normalized);
    cells[column] = cellOf(tokens, normalized, wordConfidence(tokens));
  }
  // A row without a price or an amount is text between rows, not an item; one without words
  // is a line of figures (a page number, a tax summary) unless it fills most numeric columns.
  if (!cells.amount && !cells.unitPrice) return null;
  const figures = NUMERIC_COLUMNS.filter((c) => cells[c]).length;
  if (!cells.description && figures < 3) return null;
  // The quantity a layout prints in an unnamed column: the spare number that makes
  // quantity × unit price = amount.
  if (!cells.quantity && numbers.unitPrice !== undefined && numbers.amount !== undefined) {
    for (const token of pending.spare) {
      const value = normalizeAmount(token.text, hints);
      if (value !== null && approxEqual(Number(value) * numbers.unitPrice, numbers.amount)) {
        cells.quantity = cellOf([token], value, token.confidence);
        numbers.quantity = Number(value);
        break;
      }
    }
  }
  // Arithmetic is the reader's evidence: a row whose quantity × price gives its amount is read
  // right with high odds; one that cannot be checked or does not add up is less sure.
  const checkable =
    numbers.quantity !== undefined &&
    numbers.unitPrice !== undefined &&
    numbers.amount !== undefined;
  const adds =
    checkable && approxEqual(numbers.quantity! * numbers.unitPrice!, Math.abs(numbers.amount!));
  const structure = adds ? 0.95 : checkable ? 0.6 : 0.75;
  for (const cell of Object.values(cells)) cell.confidence = cell.confidence * structure;
  const all = Object.values(cells);
  return {
    page,
    box: unionBox(all.map((c) => c.box)),
    confidence: Math.min(...all.map((c) => c.confidence)),
    cells,
  };
}

interface PageTable {
  rows: LineItemRow[];
  /** The columns, when the table runs on past the page's end (no sums line was reached). */
  openColumns: HeaderColumn[] | null;
}

function readPage(
  page: PageLayout,
  hints: NormalizeHints,
  carried: HeaderColumn[] | null,
): PageTable {
  const lines = groupLines(page);
  const header = findHeader(lines);
  // A page without a header of its own continues the table the page before left open.
  const columns = header ? headerColumns(header.lines) : carried;
  if (!columns) return { rows: [], openColumns: null };
  const body = header ? lines.slice(header.end + 1) : lines;
  const left = Math.min(...columns.map((c) => c.x0)) - 0.01;
  const rows: LineItemRow[] = [];
  let pending: PendingRow | undefined;
  const flush = () => {
    if (!pending) return;
    const row = finishRow(pending, page.index, hints);
    if (row) rows.push(row);
    pending = undefined;
  };
  let ended = false;
  for (const line of body) {
    if (isTableEnd(line, left)) {
      ended = true;
      break;
    }
    const { cells, spare, numeric } = assignLine(line, columns, left);
    const firstWord = headerKey(cells.description?.[0]?.text ?? "");
    // Adjustments (a discount, shipping) and `label: value` lines are not items.
    const adjustment =
      ADJUSTMENT_WORDS.includes(firstWord) ||
      /^:$|\p{L}:$/u.test(cells.description?.at(-1)?.text ?? "");
    if (numeric >= 2 && !adjustment) {
      flush();
      pending = { tokens: cells, spare };
    } else if (pending && !adjustment) {
      // A continuation line fills what its row left empty: an amount printed one line lower,
      // or the description of a layout that prints the figures first.
      for (const column of LINE_ITEM_COLUMNS) {
        if (!pending.tokens[column] && cells[column]) pending.tokens[column] = cells[column];
      }
      pending.spare.push(...spare);
    }
  }
  flush();
  return { rows, openColumns: ended ? null : columns };
}

/**
 * The line items of an invoice, read from its layout: the table is found by its header words
 * (English, German, French), columns by where those words stand, rows by the numbers under them,
 * with quantity × unit price = amount as the check. Nothing here is learned from one supplier's
 * layout, so a supplier never seen reads as well as a known one.
 */
export function readLineItems(layout: Layout): LineItemRow[] {
  const hints = inferLocaleHints(layout);
  const rows: LineItemRow[] = [];
  let open: HeaderColumn[] | null = null;
  for (const page of layout.pages) {
    const table = readPage(page, hints, open);
    rows.push(...table.rows);
    open = table.openColumns;
  }
  return rows;
}
