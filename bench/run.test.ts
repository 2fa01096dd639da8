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
      "models-accuracy",
      "new-supplier-curve",
      "ocr-quality",
      "ocr-speed",
      "pipeline-throughput",
      "scale-out",
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
});
