// Entry point of a DocumentReader pool thread.
//
// A worker thread starts as a plain Node process: it does not inherit vitest's module transform,
// and it inherits tsx only when the parent was itself started through `tsx` (via execArgv). So
// the TypeScript body is loaded through tsx's namespaced `register`, a private loader for this
// one import tree whatever the parent did (tsx CLI, node --import tsx, vitest, plain node).
// The dependency hooks are registered after it, so they run first: pdf.js and the other
// packages are loaded by Node itself (see native-dependency-hooks.mjs: ~330 MB per thread).
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

const tsx = registerTsx({ namespace: "pagewise-read-thread" });
register("./native-dependency-hooks.mjs", import.meta.url);
await tsx.import("./read-thread.ts", import.meta.url);
