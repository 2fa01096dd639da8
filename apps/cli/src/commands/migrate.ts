import { parseArgs } from "node:util";
import { createDatabase, migrateToLatest, StartupError, storageLocations } from "@pagewise/storage";
import type { Command } from "../command";
import { MIGRATE_SPEC } from "./command-specs";

/** The database's address for messages: a PostgreSQL URL without its password. */
function describeDatabase(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return `SQLite ${url.replace(/^sqlite:(\/\/)?/, "")}`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return `PostgreSQL ${parsed.toString()}`;
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

/** The one-line reason a connection failed (ECONNREFUSED, an unknown host, a refused login…). */
function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  // pg reports a refused connection on a dual-stack host as an AggregateError without a message.
  const first = e.errors?.[0] ?? e;
  return first.code ?? first.message ?? String(error);
}

/**
 * `pagewise migrate`: bring the database (DATABASE_URL, or the SQLite file in PAGEWISE_DATA_DIR)
 * to this version's schema and say what it applied. A deployment runs it once, as a job, before
 * API and workers start with PAGEWISE_AUTO_MIGRATE=off. Safe to run again, and beside a running
 * platform: the migrator takes a lock, and a current schema is left as it is.
 */
export const migrateCommand: Command = {
  ...MIGRATE_SPEC,
  async run(args, { env, stdout }) {
    parseArgs({ args, options: {}, strict: true, allowPositionals: false });
    const url = storageLocations(env.PAGEWISE_DATA_DIR, env.DATABASE_URL).databaseUrl;
    const where = describeDatabase(url);
    const handle = (() => {
      try {
        return createDatabase({ url, poolSize: 1 });
      } catch (error) {
        if (error instanceof StartupError) throw new MigrateError(error.message);
        throw error;
      }
    })();
    try {
      let applied: string[];
      try {
        applied = await migrateToLatest(handle.db);
      } catch (error) {
        const cause = (error as Error).cause ?? error;
        const reason = reasonOf(cause);
        const verb = UNREACHABLE.has(reason) ? "cannot reach" : "cannot migrate";
        throw new MigrateError(`${verb} the database (${where}): ${reason}`);
      }
      if (applied.length === 0) {
        stdout(`schema is current (${where}): no migration to apply\n`);
      } else {
        for (const name of applied) stdout(`applied ${name}\n`);
        stdout(`${applied.length} migration(s) applied to ${where}\n`);
      }
      return 0;
    } finally {
      await handle.close().catch(() => {});
    }
  },
};

/** A database that cannot be reached or migrated: main prints the message in one line, exit 1. */
class MigrateError extends Error {}
