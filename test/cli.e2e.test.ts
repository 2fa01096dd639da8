import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, type ProjectHandle } from "./support/loop";
import { Platform, ROOT } from "./support/platform";

const FIXTURES = join(ROOT, "test/fixtures");
const DATASETS = ["sroie", "zugferd", "invoice2data", "kleister_nda"].map((d) => join(FIXTURES, d));

describe("the CLI against a running platform", () => {
  // The CLI follows a retraining to its verdict; how good the models get is not its business, so
  // the extractor makes one pass over the rows per epoch (not 500 batches of repeated rows).
  const platform = new Platform({ workerEnv: { PAGEWISE_EXTRACTOR_MIN_STEPS: "0" } });
  const workDir = mkdtempSync(join(tmpdir(), "pagewise-cli-"));
  let project: ProjectHandle;

  /** `pnpm pagewise …` (the same entry), with the platform's URL and the project's token. */
  function pagewise(...args: string[]) {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", join(ROOT, "apps/cli/src/main.ts"), ...args],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: {
          PATH: process.env.PATH ?? "",
          PAGEWISE_URL: platform.baseUrl,
          PAGEWISE_TOKEN: project.token,
          PAGEWISE_CACHE_DIR: join(workDir, "cache"),
        },
        timeout: 300_000,
      },
    );
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  beforeAll(async () => {
    await platform.start();
    project = await createProject(platform, "cli");
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("imports labeled datasets once, however often it is run", async () => {
    const importArgs = [
      "import",
      "--project",
      "cli",
      ...DATASETS.flatMap((d) => ["--data", d]),
      "--layout",
      "dataset",
    ];
    const first = pagewise(...importArgs);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/imported 8 labeled documents \(0 were already there\)/);
    const again = pagewise(...importArgs);
    expect(again.stderr).toMatch(/imported 0 labeled documents \(8 were already there\)/);
  });

  it("retrains in the platform and follows it to the first champion", async () => {
    // The imported documents must be read and labeled before the snapshot.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const res = await platform.request("/v1/projects/cli", {}, project.token);
      const counts = ((await res.json()) as { documents: Record<string, number> }).documents;
      if ((counts.reviewed ?? 0) === 8) break;
      if (Date.now() > deadline)
        throw new Error(`not all imported documents are reviewed: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const run = pagewise("train", "--project", "cli");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/extractor: v1 promoted to champion/);
    const list = pagewise("models", "list", "--project", "cli", "--json");
    const versions = JSON.parse(list.stdout) as {
      kind: string;
      version: number;
      aliases: string[];
    }[];
    expect(versions.find((v) => v.kind === "extractor")?.aliases).toContain("champion");
  });

  it("pushes a model trained offline, promotes it, rolls back, and shows the history", () => {
    const out = join(workDir, "model");
    const trained = pagewise(
      "train",
      "--data",
      join(FIXTURES, "sroie"),
      "--layout",
      "dataset",
      "--out",
      out,
    );
    expect(trained.code, trained.stderr).toBe(0);
    const pushed = pagewise("models", "push", "--project", "cli", "--model", out, "--promote");
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stderr).toMatch(/extractor: v2 is champion/);
    const back = pagewise(
      "models",
      "rollback",
      "--project",
      "cli",
      "--kind",
      "extractor",
      "--reason",
      "cli test",
    );
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toMatch(/extractor champion: v2 → v1/);
    const history = pagewise(
      "models",
      "history",
      "--project",
      "cli",
      "--kind",
      "extractor",
      "--json",
    );
    const moves = (
      JSON.parse(history.stdout) as { alias: string; toVersion: number | null }[]
    ).filter((m) => m.alias === "champion");
    expect(moves.map((m) => m.toVersion)).toEqual([1, 2, 1]);
    const refused = pagewise(
      "models",
      "promote",
      "--project",
      "cli",
      "--kind",
      "extractor",
      "--version",
      "9",
      "--reason",
      "x",
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not_found/);
  });
});
