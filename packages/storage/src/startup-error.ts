/**
 * A problem an operator fixes (a data folder that cannot be written, a database that cannot be
 * opened, a missing master key): the apps print its message in one line and exit, without a
 * stack trace. `code` is stable (e.g. `master_key_missing`) for scripts and tests to match.
 */
export class StartupError extends Error {
  override name = "StartupError";
  readonly code: string | undefined;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}

/** End the process on a failed start: one line for a StartupError, the full error for a bug. */
export function exitOnStartupError(app: string, error: unknown): never {
  if (error instanceof StartupError) {
    console.error(`pagewise ${app}: ${error.code ? `[${error.code}] ` : ""}${error.message}`);
  } else console.error(`pagewise ${app}: could not start`, error);
  process.exit(1);
}
