// `pnpm bench`: every benchmark script in bench/, one after the other (they share two cores and
// some start the whole platform, so never in parallel), then which passed and which failed.
// Run: pnpm bench [--list] [--only name,name] [--dir folder] [--json] [-- args for each bench]
//   --list   print the benches it would run, in order, and exit
//   --json   pass --json to every bench and print one JSON object on stdout: each bench's JSON
//            by name (`{ "benches": { "<name>": {…} }, "failed": [names] }`); the benches' own
//            output goes to stderr. A bench whose stdout is not JSON is listed as failed.
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
    json: { type: "boolean", default: false },
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

const json = values.json;
// With --json the runner's own lines go to stderr too: stdout is the one collected object.
const say = json ? console.error : console.log;
const args = json && !positionals.includes("--json") ? ["--json", ...positionals] : positionals;

/** Run one bench; with --json its stdout is kept (and echoed to stderr), else inherited. */
function runBench(name: string): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(dir, `${name}.ts`), ...args], {
      stdio: json ? ["ignore", "pipe", "inherit"] : "inherit",
    });
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", () => done({ code: 1, stdout }));
    child.on("exit", (code, signal) => done({ code: code ?? (signal ? 1 : 0), stdout }));
  });
}

/** The bench's JSON: the last line of its stdout that parses as an object (null if none). */
function lastJson(stdout: string): unknown {
  for (const line of stdout.trim().split("\n").reverse()) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed && typeof parsed === "object") return parsed;
    } catch {}
  }
  try {
    return JSON.parse(stdout); // a bench that prints its object over several lines
  } catch {
    return null;
  }
}

const results: { name: string; code: number; seconds: number }[] = [];
const collected: Record<string, unknown> = {};
for (const name of wanted) {
  say(`\n=== bench ${name} (${results.length + 1}/${wanted.length})\n`);
  const started = performance.now();
  let { code, stdout } = await runBench(name);
  if (json) {
    const parsed = lastJson(stdout);
    if (parsed === null) {
      console.error(stdout);
      if (code === 0) code = 1;
      console.error(`${name}: no JSON on its stdout`);
    } else collected[name] = parsed;
  }
  results.push({ name, code, seconds: (performance.now() - started) / 1000 });
}

say("\n=== benches\n");
for (const r of results) {
  const status = r.code === 0 ? "ok" : `FAILED (exit ${r.code})`;
  say(`  ${r.name.padEnd(24)} ${status.padEnd(18)} ${r.seconds.toFixed(1)} s`);
}
const failed = results.filter((r) => r.code !== 0);
if (json) {
  process.stdout.write(
    `${JSON.stringify({ benches: collected, failed: failed.map((r) => r.name) })}\n`,
  );
}
say(
  failed.length === 0
    ? `\nAll ${results.length} benches finished.`
    : `\n${failed.length} of ${results.length} failed: ${failed.map((r) => r.name).join(", ")}.`,
);
process.exit(failed.length === 0 ? 0 : 1);
