/**
 * Regenerate `src/openapi.gen.ts` from a running API's `/openapi.json`:
 *
 *   pnpm --filter @pagewise/client generate:api [http://127.0.0.1:8080 | path/to/openapi.json] [--check]
 *
 * `--check` writes nothing and exits 1 when the committed types differ from the API's document
 * (the UI tests run it against the platform they boot, so the client cannot drift from the API).
 * The web app, the CLI and SDK users all take their types from this one file.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const OUT = join(import.meta.dirname, "../src/openapi.gen.ts");
const HEADER =
  "// Generated from the API's /openapi.json by packages/client/scripts/generate-api-types.ts. Do not edit.\n\n";

async function loadDocument(source: string): Promise<Record<string, unknown>> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(new URL("/openapi.json", source));
    if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }
  return JSON.parse(await readFile(source, "utf8")) as Record<string, unknown>;
}

export async function generateApiTypes(source: string): Promise<string> {
  const ast = await openapiTS((await loadDocument(source)) as never, {
    alphabetize: true,
    exportType: true,
  });
  return HEADER + astToString(ast);
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const source = args.find((a) => !a.startsWith("--")) ?? "http://127.0.0.1:8080";
const generated = await generateApiTypes(source);
if (check) {
  const current = await readFile(OUT, "utf8").catch(() => "");
  if (current !== generated) {
    process.stderr.write(
      "packages/client/src/openapi.gen.ts is out of date with the API: run `pnpm --filter @pagewise/client generate:api <api url>`.\n",
    );
    process.exit(1);
  }
  process.stdout.write("API types are up to date.\n");
} else {
  await writeFile(OUT, generated);
  process.stdout.write(`Wrote ${OUT}\n`);
}
