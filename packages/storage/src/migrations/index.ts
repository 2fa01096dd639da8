import type { Migration } from "kysely";
import * as foundation from "./0001-foundation";
import * as learningLoop from "./0002-learning-loop";

/**
 * Every migration, in order. Migrations are code (not files found at run time) so that they ship
 * with the package and run the same on SQLite and PostgreSQL. Never edit one that has shipped.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-learning-loop": learningLoop,
};
