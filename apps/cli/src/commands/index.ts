import type { Command, CommandSpec } from "../command";
import {
  CROSSVAL_SPEC,
  EVAL_SPEC,
  KEYS_SPEC,
  MIGRATE_SPEC,
  SYNTH_SPEC,
  TRAIN_SPEC,
} from "./command-specs";
import { exportCommand } from "./export";
import { importCommand } from "./import";
import { modelsCommand } from "./models";

/**
 * A command whose module is imported only when it runs: the local model commands load
 * TensorFlow.js and pdf.js, `keys` and `migrate` the database drivers, and none of that is needed to print help
 * or to call the platform's API.
 */
function lazy(spec: CommandSpec, load: () => Promise<Command>): Command {
  return { ...spec, run: async (args, context) => (await load()).run(args, context) };
}

/** Every command of the CLI, in help order. Add new commands here. */
export const COMMANDS: readonly Command[] = [
  lazy(TRAIN_SPEC, async () => (await import("./train")).trainCommand),
  lazy(EVAL_SPEC, async () => (await import("./eval")).evalCommand),
  lazy(CROSSVAL_SPEC, async () => (await import("./crossval")).crossvalCommand),
  lazy(SYNTH_SPEC, async () => (await import("./synth")).synthCommand),
  importCommand,
  exportCommand,
  modelsCommand,
  lazy(KEYS_SPEC, async () => (await import("./keys")).keysCommand),
  lazy(MIGRATE_SPEC, async () => (await import("./migrate")).migrateCommand),
];
