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
  return lines.join("\n");
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
  const context: CommandContext = {
    stdout: (text) => writeStdout(text),
    log: (text) => process.stderr.write(`${text}\n`),
    env: loadEnv(),
  };
  try {
    return await command.run(args, context);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      process.stderr.write(`${(error as Error).message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    const code = isPagewiseError(error) ? ` [${error.code}]` : "";
    process.stderr.write(`pagewise ${name} failed${code}: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
