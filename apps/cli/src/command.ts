import type { CliEnv } from "./env";

/** What a command may touch besides its arguments: output streams and the parsed environment. */
export interface CommandContext {
  /** Machine-readable output only (`--json`); everything else goes to `log`. */
  stdout: (text: string) => void;
  /** Progress, tables and diagnostics (stderr). */
  log: (text: string) => void;
  env: CliEnv;
}

/** What help says of a command: its name, one line, and its usage. */
export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
}

/** One `pagewise <name>` command, registered in `commands/index.ts`. */
export interface Command extends CommandSpec {
  /** Returns the process exit code. */
  run(args: string[], context: CommandContext): Promise<number>;
}

/** A usage error: main prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {}
