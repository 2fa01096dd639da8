// Entry point of a DocumentReader pool thread.
//
// A worker thread starts as a plain Node process: it does not inherit vitest's module transform,
// and it inherits tsx only when the parent was itself started through `tsx` (via execArgv). So
// the TypeScript body is loaded through tsx's `tsImport`, which registers a private loader for
// this one import tree whatever the parent did (tsx CLI, node --import tsx, vitest, plain node).
import { tsImport } from "tsx/esm/api";

await tsImport("./read-thread.ts", import.meta.url);
