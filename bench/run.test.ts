import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const RUNNER = join(import.meta.dirname, "run.ts");
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", RUNNER, ...args], { encoding: "utf8" });

describe("pnpm bench (bench/run.ts)", () => {
  const dir = mkdtempSync(join(tmpdir(), "pagewise-benches-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists every bench script of bench/, in order, without running any", () => {
    const listed = run("--list");
    expect(listed.status).toBe(0);
    const names = listed.stdout
      .trim()
      .split("\n")
      .map((line) => line.split("\t")[0]);
    expect(names).toEqual([
      "encryption",
      "learning-curve",
      "line-items",
      "list-latency",
      "models-accuracy",
      "new-supplier-curve",
      "ocr-quality",
      "ocr-speed",
      "pipeline-throughput",
      "scale-out",
      "training-threads",
      "vendor-memory-recall",
      "worker-rss",
    ]);
    expect(run("--list", "--only", "ocr-speed").stdout).toMatch(/^ocr-speed\t/);
    const bad = run("--only", "nope");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/No bench named nope/);
  });

  it("runs them one after the other with the arguments after --, and names the ones that failed", () => {
    writeFileSync(join(dir, "a-fine.ts"), 'console.log("fine got", process.argv.slice(2));\n');
    writeFileSync(join(dir, "b-broken.ts"), 'console.log("broken ran"); process.exit(3);\n');
    writeFileSync(join(dir, "c-after.ts"), 'console.log("after ran");\n');
    const result = run("--dir", dir, "--", "--json");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/fine got \[ '--json' \][\s\S]*broken ran[\s\S]*after ran/);
    expect(result.stdout).toMatch(/b-broken\s+FAILED \(exit 3\)/);
    expect(result.stdout).toMatch(/1 of 3 failed: b-broken\./);
  });

  it("with --json passes --json to each bench and prints their JSON as one object, by name", () => {
    const jsonDir = mkdtempSync(join(tmpdir(), "pagewise-benches-json-"));
    try {
      writeFileSync(
        join(jsonDir, "a-fast.ts"),
        'console.error("a table"); console.log(JSON.stringify({ bench: "a", args: process.argv.slice(2), figures: { x: { value: 2, baseline: 1, ratio: 2, unit: "pages/s" } } }));\n',
      );
      writeFileSync(join(jsonDir, "b-plain.ts"), 'console.log("not json");\n');
      const result = run("--dir", jsonDir, "--json", "--", "--rounds", "1");
      expect(result.status).toBe(1);
      const out = JSON.parse(result.stdout) as {
        benches: Record<string, { args: string[]; figures: Record<string, { ratio: number }> }>;
        failed: string[];
      };
      expect(out.benches["a-fast"]!.args).toEqual(["--json", "--rounds", "1"]);
      expect(out.benches["a-fast"]!.figures.x!.ratio).toBe(2);
      expect(out.failed).toEqual(["b-plain"]);
      expect(result.stderr).toMatch(/a table[\s\S]*b-plain: no JSON on its stdout/);
    } finally {
      rmSync(jsonDir, { recursive: true, force: true });
    }
  });
});
