import { readFileSync } from "node:fs";
import { createRequire, type LoadHook } from "node:module";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// A computed specifier: the hooks are plain JavaScript, loaded by Node before any TypeScript.
const hooksUrl = new URL("./native-dependency-hooks.mjs", import.meta.url).href;
const { load } = (await import(hooksUrl)) as { load: LoadHook };

const require = createRequire(import.meta.url);
const pdfjsFile = require.resolve("pdfjs-dist/legacy/build/pdf.mjs");

/** What Node passes for an import whose format it does not know yet. */
const CONTEXT = {
  conditions: ["node", "import"],
  format: undefined,
  importAttributes: {},
  importAssertions: {},
} as Parameters<LoadHook>[1];

/** A next loader that records that it was asked (as tsx would be). */
function nextLoader() {
  const asked: string[] = [];
  const next = (async (url: string) => {
    asked.push(url);
    return { format: "module", source: "export {}", shortCircuit: true };
  }) as Parameters<LoadHook>[2];
  return { asked, next };
}

describe("native dependency hooks", () => {
  it("load a dependency's ES module from disk, as is, without asking the next loader (tsx)", async () => {
    const { asked, next } = nextLoader();
    // tsx's namespaced loader adds a query to the URLs it resolves.
    const url = `${pathToFileURL(pdfjsFile).href}?tsx-namespace=pagewise-read-thread`;
    const loaded = await load(url, CONTEXT, next);
    expect(asked).toEqual([]);
    expect(loaded).toMatchObject({ format: "module", shortCircuit: true });
    expect(Buffer.from(loaded.source as Uint8Array).equals(readFileSync(pdfjsFile))).toBe(true);
  });

  it("leave our own TypeScript, CommonJS and tsx itself to the next loader", async () => {
    const { asked, next } = nextLoader();
    const own = pathToFileURL(new URL("./pdfjs.ts", import.meta.url).pathname).href;
    const commonJs = pathToFileURL(require.resolve("sharp")).href;
    const tsx = pathToFileURL(require.resolve("tsx/esm/api")).href;
    for (const url of [own, commonJs, tsx, "node:fs"]) {
      await load(url, CONTEXT, next);
    }
    expect(asked).toEqual([own, commonJs, tsx, "node:fs"]);
  });
});
