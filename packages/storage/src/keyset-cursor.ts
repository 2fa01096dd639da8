import { PagewiseError } from "@pagewise/core";
import { type Expression, type SqlBool, sql } from "kysely";

/**
 * Opaque cursors for keyset paging on (a sort key, id): the position after the last item of a
 * page. The same encoding for every paged list, so a client treats them all alike.
 */
export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(`${key}|${id}`).toString("base64url");
}

/** The position a cursor names, or null when it is not one of ours (the caller answers 400). */
export function decodeCursor(cursor: string): { key: string; id: string } | null {
  const text = Buffer.from(cursor, "base64url").toString();
  const at = text.lastIndexOf("|");
  if (at <= 0 || at === text.length - 1) return null;
  return { key: text.slice(0, at), id: text.slice(at + 1) };
}

/** A page of `limit` items from `limit + 1` rows, with the cursor of the next page if any. */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (item: Item) => string,
): { items: Item[]; nextCursor: string | null } {
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** What every paged list takes: at most `limit` items, after the position of `cursor`. */
export interface PageQuery {
  limit: number;
  cursor?: string | undefined;
}

/** One page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `decodeCursor`, answering 400 `validation_failed` for a cursor that is not one of ours. */
export function requireCursor(cursor: string): { key: string; id: string } {
  const after = decodeCursor(cursor);
  if (!after) throw new PagewiseError("validation_failed", "The cursor is not one of ours.");
  return after;
}

/**
 * Rows past a cursor's position in a list ordered by (`key`, `id`), both ascending or both
 * descending: the keyset condition every paged list shares. Answers 400 for a foreign cursor.
 */
export function pastCursor(
  cursor: string,
  order: "asc" | "desc",
  key = "created_at",
  id = "id",
): Expression<SqlBool> {
  const after = requireCursor(cursor);
  const past = sql.raw(order === "asc" ? ">" : "<");
  return sql<SqlBool>`(${sql.ref(key)} ${past} ${after.key} or (${sql.ref(key)} = ${after.key} and ${sql.ref(id)} ${past} ${after.id}))`;
}
