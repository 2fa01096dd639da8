import { PagewiseError as ClientError } from "@pagewise/client";
import { isPagewiseError } from "@pagewise/core";
import { type CommandContext, UsageError } from "./command";
import { COMMANDS } from "./commands";
import { loadEnv } from "./env";

// stdout carries only machine-readable output (`eval --json`): libraries that print to the
// console (TensorFlow.js does) go to stderr with the logs.
const writeStdout = process.stdout.write.bind(process.stdout);
console.log = console.error;
console.info = console.error;
console.warn = console.error;
console.debug = console.error;

function help(): string {
  const lines = ["usage: pagewise <command> [options]", "", "commands:"];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push("", "pagewise <command> --help shows a command's options.");
  return lines.join("\n");
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "not a folder",
};

const isHelp = (arg: string) => arg === "--help" || arg === "-h";

/**
 * One line for an error a user can fix (a wrong token, a server that is down, a missing file, a
 * bad option): never a stack trace, unless PAGEWISE_DEBUG asks for it.
 */
function describeError(error: unknown): string {
  // Errors of the platform's answers (the SDK's classes) and of the CLI itself (core's).
  if (isPagewiseError(error) || error instanceof ClientError) {
    return `${error.message} [${error.code}]`;
  }
  const e = error as NodeJS.ErrnoException;
  if (e?.code && e.syscall && e.path) return `${e.path}: ${FILE_ERRORS[e.code] ?? e.code}`;
  if (error instanceof SyntaxError) return `not valid JSON: ${error.message}`;
  return e instanceof Error ? e.message : String(error);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stderr.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n\n${help()}\n`);
    return 2;
  }
  if (args.some(isHelp)) {
    process.stderr.write(
      `pagewise ${command.name}: ${command.summary}\n\nusage: ${command.usage}\n`,
    );
    return 0;
  }
  try {
    const context: CommandContext = {
      stdout: (text) => writeStdout(text),
      log: (text) => process.stderr.write(`${text}\n`),
      env: loadEnv(),
    };
    return await command.run(args, context);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      process.stderr.write(`${(error as Error).message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`pagewise ${name}: ${describeError(error)}\n`);
    // Read here, not through loadEnv: the environment may be what failed to parse.
    if (process.env.PAGEWISE_DEBUG) process.stderr.write(`${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
