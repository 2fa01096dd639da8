// Module loading hooks (node:module `register`): dependencies' ES modules are loaded by Node
// itself, never handed to tsx.
//
// Why: tsx rewrites every ES module that contains a dynamic `import()`, with a source map that
// Node then parses and keeps. pdf.js is such a module (3 MB with its worker code): through tsx
// one thread held ~330 MB more after reading a one-page PDF than with Node's own loading (426
// against 96 MB for a process; 165 with these hooks). Our own TypeScript is still tsx's.
import { readFile } from "node:fs/promises";

/** @type {import("node:module").LoadHook} */
export async function load(url, context, nextLoad) {
  if (isDependencyModule(url, context.format)) {
    // tsx may have added its namespace to the URL's query: the file is the same.
    const file = new URL(url);
    file.search = "";
    return { format: "module", source: await readFile(file), shortCircuit: true };
  }
  return nextLoad(url, context);
}

/** An ES module file of a package under node_modules (`.mjs`, or `.js` Node knows is a module). */
function isDependencyModule(url, format) {
  if (!url.startsWith("file:") || !url.includes("/node_modules/")) return false;
  const path = new URL(url).pathname;
  if (path.includes("/node_modules/tsx/")) return false;
  return path.endsWith(".mjs") || (path.endsWith(".js") && format === "module");
}
