// `pnpm bench`: every benchmark script in bench/, one after the other (they share two cores and
// some start the whole platform, so never in parallel), then which passed and which failed.
// Run: pnpm bench [--list] [--only name,name] [--dir folder] [-- args for each bench]
//   --list   print the benches it would run, in order, and exit
//   --only   run only these (names without .ts, e.g. --only ocr-speed,pipeline-throughput)
//   --dir    another folder of bench scripts (the runner's own test uses it)
//   -- …     passed to every bench run; their options differ (see the head of each script),
//            so pass options together with --only.
// Exit code 0 when every bench finished with 0, 1 when any failed, 2 on a bad argument.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";

const SELF = basename(import.meta.filename);

const { values, positionals } = parseArgs({
  options: {
    list: { type: "boolean", default: false },
    only: { type: "string" },
    dir: { type: "string", default: import.meta.dirname },
  },
  allowPositionals: true,
});

const dir = resolve(values.dir);
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== SELF)
  .map((f) => f.slice(0, -3))
  .sort();
const wanted = values.only?.split(",").map((s) => s.trim()) ?? all;
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`No bench named ${unknown.join(", ")}. There are: ${all.join(", ")}.`);
  process.exit(2);
}

if (values.list) {
  for (const name of wanted) console.log(`${name}\t${join(dir, `${name}.ts`)}`);
  process.exit(0);
}

function runBench(name: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(dir, `${name}.ts`), ...positionals],
      { stdio: "inherit" },
    );
    child.on("error", () => done(1));
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const results: { name: string; code: number; seconds: number }[] = [];
for (const name of wanted) {
  console.log(`\n=== bench ${name} (${results.length + 1}/${wanted.length})\n`);
  const started = performance.now();
  const code = await runBench(name);
  results.push({ name, code, seconds: (performance.now() - started) / 1000 });
}

console.log("\n=== benches\n");
for (const r of results) {
  const status = r.code === 0 ? "ok" : `FAILED (exit ${r.code})`;
  console.log(`  ${r.name.padEnd(24)} ${status.padEnd(18)} ${r.seconds.toFixed(1)} s`);
}
const failed = results.filter((r) => r.code !== 0);
console.log(
  failed.length === 0
    ? `\nAll ${results.length} benches finished.`
    : `\n${failed.length} of ${results.length} failed: ${failed.map((r) => r.name).join(", ")}.`,
);
process.exit(failed.length === 0 ? 0 : 1);
