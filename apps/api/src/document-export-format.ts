import type { ExtractedField, LabelSchema } from "@pagewise/core";
import type { ExportedDocument } from "@pagewise/storage";

/** The columns every export row starts with, before the fields. */
export const FIXED_COLUMNS = ["id", "filename", "status", "category", "createdAt", "source"];

export interface ExportColumns {
  /** Field names, in label-schema order. */
  fields: string[];
  /** The CSV header: fixed columns, then one per field (and `<field>_confidence` when asked). */
  header: string[];
}

/**
 * The export's columns: the fields of `category` when the export is about one category, else the
 * union of every category's fields (first appearance order; a name shared by two categories,
 * such as `date`, is one column). A field named like a fixed column is written `field_<name>`.
 */
export function exportColumns(
  schema: LabelSchema,
  category: string | undefined,
  includeConfidence: boolean,
): ExportColumns {
  const categories = category
    ? schema.categories.filter((c) => c.name === category)
    : schema.categories;
  const fields = [...new Set(categories.flatMap((c) => c.fields.map((f) => f.name)))];
  const header = [...FIXED_COLUMNS];
  for (const name of fields) {
    const column = FIXED_COLUMNS.includes(name) ? `field_${name}` : name;
    header.push(column);
    if (includeConfidence) header.push(`${column}_confidence`);
  }
  return { fields, header };
}

export interface ExportRow {
  id: string;
  filename: string;
  status: string;
  category: string | null;
  createdAt: string;
  /** Where the values come from: `review`, `import` (labels that came with it), `prediction`, or `none`. */
  source: "review" | "import" | "prediction" | "none";
  /** Normalized value per field (several values of a list field joined by `; `), null if none. */
  fields: Record<string, string | null>;
  /** The model's confidence in its own value; null when the value comes from a review. */
  confidence: Record<string, number | null>;
}

/** Values come from the latest review when there is one, else from the models' prediction. */
export function exportRow(item: ExportedDocument, fieldNames: readonly string[]): ExportRow {
  const { document, review, extraction, classification } = item;
  const fields: Record<string, string | null> = {};
  const confidence: Record<string, number | null> = {};
  const byName = <T extends { name: string }>(list: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const f of list) map.set(f.name, [...(map.get(f.name) ?? []), f]);
    return map;
  };
  const joined = (list: readonly { value: string; normalized: string | null }[] | undefined) =>
    list?.length ? list.map((f) => f.normalized ?? f.value).join("; ") : null;
  if (review) {
    const labeled = byName(review.fields);
    for (const name of fieldNames) {
      fields[name] = joined(labeled.get(name));
      confidence[name] = null;
    }
  } else {
    const predicted = byName<ExtractedField>(extraction ?? []);
    for (const name of fieldNames) {
      const list = predicted.get(name);
      fields[name] = joined(list);
      confidence[name] = list?.length ? Math.min(...list.map((f) => f.confidence)) : null;
    }
  }
  return {
    id: document.id,
    filename: document.filename,
    status: document.status,
    category: review?.category ?? document.category ?? classification?.category ?? null,
    createdAt: document.createdAt,
    source: review ? review.source : extraction || classification ? "prediction" : "none",
    fields,
    confidence,
  };
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A cell that a
 * spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) gets a leading `'` so it is shown as text (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function csvRow(row: ExportRow, fieldNames: readonly string[], withConfidence: boolean) {
  const cells: (string | number | null)[] = [
    row.id,
    row.filename,
    row.status,
    row.category,
    row.createdAt,
    row.source,
  ];
  for (const name of fieldNames) {
    cells.push(row.fields[name] ?? null);
    if (withConfidence) cells.push(row.confidence[name] ?? null);
  }
  return csvLine(cells);
}

/** One JSON Lines record: the fixed keys, `fields`, and `confidence` when asked. */
export function jsonlRow(row: ExportRow, withConfidence: boolean): string {
  const { confidence, ...rest } = row;
  return `${JSON.stringify(withConfidence ? row : rest)}\n`;
}
