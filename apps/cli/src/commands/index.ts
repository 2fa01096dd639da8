import type { Command } from "../command";
import { crossvalCommand } from "./crossval";
import { evalCommand } from "./eval";
import { importCommand } from "./import";
import { modelsCommand } from "./models";
import { trainCommand } from "./train";

/** Every command of the CLI, in help order. Add new commands (import, models …) here. */
export const COMMANDS: readonly Command[] = [
  trainCommand,
  evalCommand,
  crossvalCommand,
  importCommand,
  modelsCommand,
];
