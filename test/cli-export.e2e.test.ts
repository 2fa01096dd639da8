import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, type ProjectHandle } from "./support/loop";
import { freePort, Platform, ROOT } from "./support/platform";
import { REVIEWED_EVERY, seedDocuments } from "./support/seed-documents";

const DOCUMENTS = 1_200;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `pnpm pagewise …` (the same entry) with a given environment; stderr is a pipe, not a TTY. */
function pagewise(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "apps/cli/src/main.ts"), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** An expected failure: exit code, exactly one line on stderr, no stack trace. */
function expectOneLine(run: Run, code: number, pattern: RegExp) {
  expect(run.code, run.stderr).toBe(code);
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe("pagewise export and the CLI's errors against a running platform", () => {
  const platform = new Platform({ startWorker: false });
  const work = mkdtempSync(join(tmpdir(), "pagewise-cli-export-"));
  let project: ProjectHandle;
  let env: Record<string, string>;

  beforeAll(async () => {
    await platform.start();
    project = await createProject(platform, "cliexport");
    await seedDocuments(platform, "cliexport", DOCUMENTS);
    env = { PAGEWISE_URL: platform.baseUrl, PAGEWISE_TOKEN: project.token };
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("exports every document to a CSV file with a final progress line", async () => {
    const out = join(work, "all.csv");
    const run = await pagewise(
      env,
      "export",
      "--project",
      "cliexport",
      "--format",
      "csv",
      "--include-confidence",
      "--out",
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    // Not a terminal: plain lines, no carriage returns; the last one has count and time.
    expect(run.stderr).not.toContain("\r");
    expect(run.stderr).toMatch(
      new RegExp(
        `^export {2}${DOCUMENTS}/${DOCUMENTS} documents {2}100% {2}[\\d.]+/s {2}in \\d+:\\d\\d$`,
        "m",
      ),
    );
    expect(run.stderr).toContain(`exported ${DOCUMENTS} documents to ${out}`);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(DOCUMENTS);
    const row = rows.find((r) => r.filename === "receipt-00042.pdf");
    expect(row).toMatchObject({
      source: "prediction",
      company: 'Kedai 00042, Sdn "Bhd"',
      company_confidence: "0.8",
      total: "42.50",
    });
  });

  it("passes the filters and writes JSON Lines to stdout with --out -", async () => {
    const run = await pagewise(
      env,
      "export",
      "--project",
      "cliexport",
      "--format",
      "jsonl",
      "--status",
      "reviewed",
      "--out",
      "-",
    );
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(DOCUMENTS / REVIEWED_EVERY);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ source: "review" });
  });

  it("lists every command in --help and shows each command's usage", async () => {
    const help = await pagewise(env, "--help");
    expect(help.code).toBe(0);
    const names = [...help.stderr.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(names).toEqual(
      expect.arrayContaining(["train", "import", "export", "models", "keys", "migrate"]),
    );
    for (const name of names) {
      const run = await pagewise(env, name, "--help");
      expect(run.code, name).toBe(0);
      // A command without arguments (`migrate`) ends its usage line at its name.
      expect(run.stderr, name).toMatch(new RegExp(`^usage: pagewise ${name}( |$)`, "m"));
    }
  });

  it("answers a wrong token with one line and exit 1", async () => {
    const run = await pagewise(
      { ...env, PAGEWISE_TOKEN: "pw_wrong_token" },
      "export",
      "--project",
      "cliexport",
      "--format",
      "csv",
      "--out",
      join(work, "x.csv"),
    );
    expectOneLine(run, 1, /^pagewise export: .+ \[unauthorized\]$/);
    expect(existsSync(join(work, "x.csv"))).toBe(false);
    expect(existsSync(join(work, "x.csv.partial"))).toBe(false);
  });

  it("answers a server that is down with one line naming ECONNREFUSED", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    for (const args of [
      ["export", "--project", "cliexport", "--format", "csv", "--out", join(work, "y.csv")],
      ["train", "--project", "cliexport"],
    ]) {
      const run = await pagewise({ ...env, PAGEWISE_URL: down }, ...args);
      expectOneLine(
        run,
        1,
        new RegExp(`^pagewise ${args[0]}: Cannot reach Pagewise at ${down}.*ECONNREFUSED`),
      );
    }
  });

  it("answers a missing folder or an unwritable output with one line", async () => {
    const missing = join(work, "no-such-dataset");
    const run = await pagewise(env, "import", "--project", "cliexport", "--data", missing);
    expectOneLine(run, 1, /^pagewise import: .*no-such-dataset.*: no such file or folder$/);
    const unwritable = await pagewise(
      env,
      "export",
      "--project",
      "cliexport",
      "--format",
      "csv",
      "--out",
      join(work, "no-such-folder", "out.csv"),
    );
    expectOneLine(unwritable, 1, /^pagewise export: .*no-such-folder.*: no such file or folder$/);
  });

  it("answers bad arguments with the message and the usage, exit 2", async () => {
    for (const args of [
      ["export", "--project", "cliexport", "--format", "xml", "--out", "-"],
      ["export", "--project", "cliexport", "--format", "csv"],
      ["export", "--project", "cliexport", "--format", "csv", "--out", "-", "--colour"],
      ["import", "--project", "cliexport", "--data", work, "--limit", "many"],
    ]) {
      const run = await pagewise(env, ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/\n\nusage: pagewise /);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    const unknown = await pagewise(env, "exprot");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command: exprot/);
    // A filter the API refuses is the API's plain message, one line.
    const badDate = await pagewise(
      env,
      "export",
      "--project",
      "cliexport",
      "--format",
      "csv",
      "--from",
      "2026-02-30",
      "--out",
      "-",
    );
    expectOneLine(
      badDate,
      1,
      /^pagewise export: `from` is not a valid date.*\[validation_failed\]$/,
    );
  });
});
