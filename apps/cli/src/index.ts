export type { Command, CommandContext } from "./command";
export { COMMANDS } from "./commands";
