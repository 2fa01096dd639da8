import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURES = join(ROOT, "test/fixtures");
const work = mkdtempSync(join(tmpdir(), "pagewise-cli-"));
const env = {
  ...process.env,
  PAGEWISE_CACHE_DIR: join(work, "cache"),
  PAGEWISE_READER_THREADS: "2",
};
const data = ["sroie", "invoice2data", "zugferd", "kleister_nda"].flatMap((d) => [
  "--data",
  join(FIXTURES, d),
]);
// Train on each folder's 80% part, evaluate on the rest (the held-out fixture receipt).
const trainArgs = [
  ...data,
  "--layout",
  "dataset",
  "--split",
  "train",
  "--seed",
  "3",
  "--epochs",
  "2",
];

/** Two folds of two short epochs: cross-validation fast enough for a test. */
const quickFolds = ["--folds", "2", "--set", "epochs=2", "--set", "minSteps=0"];

function pagewise(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", join(ROOT, "apps/cli/src/main.ts"), ...args], {
    cwd: ROOT,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("pagewise train and eval", () => {
  const out = join(work, "model");

  it("trains both models from dataset folders, reading PDFs through the cache", async () => {
    const first = await pagewise("train", ...trainArgs, "--out", out);
    expect(first.stdout).toBe("");
    expect(first.stderr).toMatch(/2 of 3 documents \(split train, seed 1\)/);
    expect(first.stderr).toMatch(/trained on \d+ documents/);
    expect(readdirSync(join(out, "extractor")).sort()).toEqual([
      "metadata.json",
      "model.json",
      "weights.bin",
    ]);
    expect(readdirSync(join(out, "classifier")).sort()).toEqual([
      "metadata.json",
      "model.json",
      "weights.bin",
    ]);
    // The PDFs were read once; a second run takes every layout from the cache.
    const cached = readdirSync(join(work, "cache")).length;
    expect(cached).toBe(5);
    const second = await pagewise(
      "train",
      ...trainArgs,
      "--set",
      "completeSpans=false",
      "--out",
      join(work, "again"),
    );
    expect(second.stderr).toMatch(/\(5 cached, 0 read\)/);
    // --set reaches the stored hyperparameters; without it the defaults are stored.
    const hp = (dir: string) =>
      JSON.parse(readFileSync(join(dir, "extractor", "metadata.json"), "utf8")).hyperparameters;
    expect(hp(out).completeSpans).toBe(true);
    expect(hp(join(work, "again")).completeSpans).toBe(false);
  });

  it("prints exactly one JSON object on stdout with --json", async () => {
    const args = ["--model", out, ...data, "--layout", "dataset", "--split", "test", "--json"];
    const { stdout, stderr } = await pagewise("eval", ...args);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(Object.keys(report)).toEqual([
      "documents",
      "classification",
      "fields",
      "macroF1",
      "microF1",
      "tables",
    ]);
    expect(report.documents).toBe(1);
    expect(report.classification.accuracy).toBeGreaterThanOrEqual(0);
    expect(report.fields.total).toMatchObject({
      support: expect.any(Number),
      f1: expect.any(Number),
    });
    expect(stderr).toMatch(/backend: wasm/);
  });

  it("scores e-invoice PDFs by their XML, and the models alone with --ignore-einvoice", async () => {
    const zugferd = ["--model", out, "--data", join(FIXTURES, "zugferd"), "--split", "all"];
    const withXml = await pagewise("eval", ...zugferd, "--json");
    expect(withXml.stderr).toMatch(/e-invoices: 2 of 2 documents scored by their XML/);
    const report = JSON.parse(withXml.stdout);
    // The XML states exactly the ground truth (which was read from it).
    expect(report.classification.accuracy).toBe(1);
    expect(report.microF1).toBe(1);
    const alone = await pagewise("eval", ...zugferd, "--json", "--ignore-einvoice");
    expect(alone.stderr).not.toMatch(/e-invoices:/);
    const aloneReport = JSON.parse(alone.stdout);
    expect(aloneReport.documents).toBe(2);
    // Line items are read from the page, never from the XML, and scored against the XML's lines
    // (3 + 1 rows), with or without --ignore-einvoice.
    for (const r of [report, aloneReport]) {
      expect(r.tables.line_items.rows).toBe(4);
      expect(r.tables.line_items.rowF1).toBeGreaterThanOrEqual(0.75);
      expect(Object.keys(r.tables.line_items.columns)).toEqual([
        "description",
        "quantity",
        "unit",
        "unitPrice",
        "amount",
        "taxRate",
      ]);
    }
  });

  it("cross-validates inside the given documents and prints one JSON object", async () => {
    const { stdout, stderr } = await pagewise(
      "crossval",
      ...data,
      "--layout",
      "dataset",
      ...quickFolds,
      "--json",
    );
    expect(stderr).toMatch(/fold 2\/2: trained on \d+, scored \d+/);
    const report = JSON.parse(stdout);
    expect(report.folds).toBe(2);
    // every fixture document is scored exactly once, by the fold that did not train on it
    expect(report.documents).toBe(8);
    expect(report.fields.total.support).toBeGreaterThan(0);
    expect(report.macroF1).toBeGreaterThanOrEqual(0);
  });

  it("splits by vendor: eval scores the vendors the training part never had", async () => {
    const invoices = [
      "--data",
      join(FIXTURES, "invoice2data"),
      "--data",
      join(FIXTURES, "zugferd"),
    ];
    const args = ["--model", out, ...invoices, "--split-by", "vendor", "--ignore-einvoice"];
    const train = await pagewise("eval", ...args, "--split", "train", "--json");
    const test = await pagewise("eval", ...args, "--split", "test", "--json");
    // two vendors per fixture folder: one on each side, never both
    for (const folder of ["invoice2data", "zugferd"]) {
      const line = new RegExp(
        `${folder}: 1 of 2 documents \\(split (train|test) by vendor, seed 1, 1 vendors\\)`,
      );
      expect(train.stderr).toMatch(line);
      expect(test.stderr).toMatch(line);
    }
    expect(JSON.parse(test.stdout).documents).toBe(2);
    await expect(pagewise("eval", ...args, "--split-by", "supplier")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--split-by must be document or vendor/),
    });
  });

  it("cross-validates leaving vendors out: a vendor's documents share one fold", async () => {
    const { stdout, stderr } = await pagewise(
      "crossval",
      ...data,
      "--layout",
      "dataset",
      "--folds",
      "2",
      "--group",
      "vendor",
      "--set",
      "epochs=2",
      "--set",
      "minSteps=0",
      "--score-only",
      "zugferd",
      "--score-only",
      "invoice2data",
      "--json",
      "--dump",
      join(work, "dump.jsonl"),
    );
    expect(stderr).toMatch(/leave-vendors-out: 4 vendors in 2 folds/);
    const report = JSON.parse(stdout);
    expect(report.group).toBe("vendor");
    // only the four invoices are scored, each once
    expect(report.documents).toBe(4);
    expect(report.fields.vendor.support).toBe(4);
    // --dump: one line per scored document, its labels beside what the fold's model predicted
    const dumped = readFileSync(join(work, "dump.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(dumped.map((d) => d.id).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^zugferd\//)]),
    );
    expect(dumped).toHaveLength(4);
    for (const d of dumped) {
      expect(d.fold).toBeGreaterThanOrEqual(0);
      expect(d.category).toBe("invoice");
      expect(d.truth.some((f: { name: string }) => f.name === "vendor")).toBe(true);
      expect(Array.isArray(d.predicted)).toBe(true);
    }
    await expect(pagewise("crossval", ...data, "--group", "issuer")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--group must be none or vendor/),
    });
  });

  it("rejects a hyperparameter override it does not know", async () => {
    await expect(
      pagewise("crossval", ...data, "--layout", "dataset", "--set", "hiddn=[8]"),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--set takes name=value with a hyperparameter name/),
    });
    await expect(
      pagewise("train", ...trainArgs, "--out", join(work, "x"), "--set", "completeSpans=1"),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--set completeSpans: expected a value like true/),
    });
  });

  it("generates synthetic invoices, then trains on them in every fold and scores only real ones", async () => {
    const synth = join(work, "synth");
    const made = await pagewise("synth", "--out", synth, "--count", "6", "--seed", "5", "--json");
    expect(JSON.parse(made.stdout)).toMatchObject({ count: 6, seed: 5 });
    expect(readdirSync(join(synth, "files"))).toHaveLength(6);
    expect(readdirSync(join(synth, "gt")).sort()[0]).toBe("synthetic-10.json");
    // the same seed writes the same bytes
    const again = join(work, "synth-again");
    await pagewise("synth", "--out", again, "--count", "1", "--seed", "7");
    const same = (dir: string) => readFileSync(join(dir, "files", "synthetic-7.pdf"));
    expect(same(again).equals(same(synth))).toBe(true);
    const invoices = [
      "--data",
      join(FIXTURES, "invoice2data"),
      "--data",
      join(FIXTURES, "zugferd"),
    ];
    const { stdout, stderr } = await pagewise(
      "crossval",
      ...invoices,
      ...quickFolds,
      "--augment",
      synth,
      "--augment-weight",
      "0.5",
      "--json",
    );
    // each fold trains on the other fold's 2 real invoices and the 6 synthetic ones
    expect(stderr).toMatch(/fold 1\/2: trained on 8, scored 2/);
    expect(JSON.parse(stdout).documents).toBe(4);
    await expect(
      pagewise("crossval", ...invoices, "--augment", synth, "--augment-weight", "0"),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--augment-weight must be/) });
    await expect(pagewise("synth", "--out", synth, "--language", "nl")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--language must be en, de or fr/),
    });
  });

  it("rejects missing arguments with a usage message", async () => {
    await expect(pagewise("train", "--out", out)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--data DIR is required/),
    });
  });
});
