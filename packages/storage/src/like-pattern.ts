import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/** The escape character of every LIKE pattern built here (named in an ESCAPE clause). */
const ESCAPE = "\\";

/**
 * `text` with the LIKE wildcards `%` and `_` (and the escape character itself) escaped, so that
 * it matches only itself inside a pattern.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `${ESCAPE}${c}`);
}

/**
 * `expression LIKE pattern ESCAPE '\'`: the same meaning on SQLite (which has no default escape
 * character) and PostgreSQL (whose default is `\`, but only while standard_conforming_strings
 * leaves it so). Build `pattern` with `escapeLike` around user text.
 */
export function likeEscaped(expression: Expression<unknown>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expression} like ${pattern} escape ${ESCAPE}`;
}
