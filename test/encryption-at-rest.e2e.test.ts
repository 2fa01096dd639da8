import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJson, waitForTerminal } from "./support/documents";
import { importLabeled, labeledFixtures } from "./support/labeled-fixtures";
import {
  createProject,
  type ProjectHandle,
  putReview,
  startTraining,
  uploadDatasetDocument,
  waitForRun,
} from "./support/loop";
import { Platform, ROOT } from "./support/platform";

/**
 * Words of the fixtures' content (page text, labels, reviews) that are in no file name: none of
 * them, and no PDF header, may be found in any byte the platform keeps — blobs, the SQLite file
 * (with its WAL), the PostgreSQL tables, the key file, the logs.
 */
const SECRETS = ["Stadthausen", "Spielkreis", "Sprunk", "DEDAP", "Zanzibarite"];
// A PDF's header, long enough that ciphertext (megabytes of model weights) cannot hold it by
// chance: "%PDF" alone is 4 bytes, and turned up once in 2^32 of random bytes.
const NEEDLES = [...SECRETS, "%PDF-1."];
/** An encrypted column value: its prefix and the base64 of IV, ciphertext and tag. */
const CIPHERTEXT = /enc:v1:[a-z]:[A-Za-z0-9+/]+={0,2}/g;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** `needle → files that hold it` for every needle found (empty when nothing leaks). */
function grepFiles(files: string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of files) {
    // Byte for byte (latin1), without the base64 ciphertext the SQLite file holds as text.
    const bytes = readFileSync(file).toString("latin1").replace(CIPHERTEXT, "");
    for (const needle of NEEDLES) {
      if (bytes.includes(needle)) found[needle] = [...(found[needle] ?? []), file];
    }
  }
  return found;
}

/** Every row of every table of the platform's schema, as text (JSON of all its columns). */
async function rowsAsText(platform: Platform): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // PostgreSQL lists every schema's tables: only this platform's (other tests run beside it).
  const schema = new URL(platform.databaseUrl).searchParams.get("schema");
  const tables = await platform.db.introspection.getTables();
  for (const table of tables.filter((t) => t.schema === schema)) {
    const rows = await platform.db
      .selectFrom(table.name as "pages")
      .selectAll()
      .execute();
    // Ciphertext is base64: a five-letter needle turns up in megabytes of it by chance (it did
    // once, "DEDAP" in `pages`), so an encrypted value (`enc:v1:<kind>:<base64>`) is searched
    // as no text; `pages` must still hold some (the caller checks the mark left in its place).
    out.set(table.name, JSON.stringify(rows).replace(CIPHERTEXT, "enc:v1:…"));
  }
  return out;
}

describe.each(["sqlite", "postgres"] as const)("encryption at rest on %s", (dialect) => {
  // Where the data lands is tested, not how good the model is: training steps kept to a minimum.
  const platform = new Platform({ dialect, workerEnv: { PAGEWISE_EXTRACTOR_MIN_STEPS: "0" } });
  let project: ProjectHandle;
  const ids: string[] = [];

  beforeAll(async () => {
    await platform.start();
    project = await createProject(platform, "vault", { retrainAfterReviews: 1000 });
  });
  afterAll(() => platform.stop());

  it("generates a master key file (0600) in the data folder and says to back it up", () => {
    const file = join(platform.dataDir, "master-key.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keyring = readJson<{ current: string; keys: { id: string }[] }>(file);
    expect(keyring.keys.map((k) => k.id)).toContain(keyring.current);
    const output = readFileSync(join(platform.dataDir, "api.log"), "utf8");
    const workerOutput = readFileSync(join(platform.dataDir, "worker-0.log"), "utf8");
    expect(`${output}${workerOutput}`).toMatch(/back this file up/);
  });

  it("reads, extracts, reviews and trains on real documents, all of it readable through the API", async () => {
    // Eight labeled documents (imported with their layouts or read by the worker), a model.
    ids.push(...(await importLabeled(platform, project, labeledFixtures())));
    const run = await startTraining(platform, project);
    expect((await waitForRun(platform, project, run.id)).status).toBe("succeeded");
    // A live document read, classified and extracted by the champion, then reviewed.
    const nda = labeledFixtures().find((d) => d.file.includes("kleister_nda"));
    const zugferd = labeledFixtures().find((d) => d.file.includes("Mustang"));
    for (const doc of [nda, zugferd]) {
      const id = await uploadDatasetDocument(platform, project, doc!);
      const done = await waitForTerminal(platform, id, 180_000, project.name, project.token);
      expect(["processed", "needs_review"]).toContain(done.status);
      ids.push(id);
    }
    const live = ids.at(-2) as string;
    await putReview(platform, project, live, {
      category: "contract",
      fields: [{ name: "parties", value: "Zanzibarite Holdings and Eric Dean Sprunk" }],
      complete: true,
    });
    // What was stored reads back in clear through the API: layout, review, original.
    const layout = await platform.request(
      `/v1/projects/${project.name}/documents/${live}/layout`,
      {},
      project.token,
    );
    expect(await layout.text()).toContain("Sprunk");
    const review = await platform.request(
      `/v1/projects/${project.name}/documents/${live}`,
      {},
      project.token,
    );
    expect(await review.text()).toContain("Zanzibarite");
    const file = await platform.request(
      `/v1/projects/${project.name}/documents/${live}/file`,
      {},
      project.token,
    );
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe("%PDF");
    // A page image is served decrypted (PNG), from an encrypted blob.
    const image = await platform.request(
      `/v1/projects/${project.name}/documents/${live}/pages/0/image`,
      {},
      project.token,
    );
    expect(image.status).toBe(200);
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("leaves no clear text and no PDF in the data folder, and none in the database", async () => {
    const dataFiles = filesUnder(platform.dataDir);
    expect(dataFiles.filter((f) => f.includes(`${join("blobs", "")}`)).length).toBeGreaterThan(10);
    const files =
      dialect === "sqlite"
        ? [...dataFiles, ...filesUnder(dirname(platform.databaseUrl))]
        : dataFiles;
    if (dialect === "sqlite") {
      expect(files.some((f) => f.endsWith("pagewise.sqlite"))).toBe(true);
    }
    expect(grepFiles(files)).toEqual({});
    if (dialect === "postgres") {
      const tables = await rowsAsText(platform);
      expect(tables.size).toBeGreaterThan(15);
      expect(tables.get("pages")).toMatch(/enc:v1:…/);
      const leaks: string[] = [];
      for (const [table, text] of tables) {
        for (const needle of NEEDLES) if (text.includes(needle)) leaks.push(`${table}: ${needle}`);
      }
      expect(leaks).toEqual([]);
    }
  });

  it("refuses to start on this data with another master key, in one line with a stable code", async () => {
    // Asynchronously: a blocked event loop would leave the test's keep-alive sockets stale.
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "apps/api/src/main.ts")], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        PORT: "0",
        PAGEWISE_DATA_DIR: platform.dataDir,
        DATABASE_URL: platform.databaseUrl,
        PAGEWISE_MASTER_KEY: randomBytes(32).toString("base64"),
      },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pagewise api: \[master_key_missing\] The data is encrypted with/);
  });

  it("deletes a document's data key with the document (crypto-shredding)", async () => {
    const id = ids.at(-1) as string;
    const keysOf = () =>
      platform.db
        .selectFrom("document_keys")
        .select("key_id")
        .where("document_id", "=", id)
        .execute();
    expect(await keysOf()).toHaveLength(1);
    const res = await platform.request(
      `/v1/projects/${project.name}/documents/${id}`,
      { method: "DELETE" },
      project.token,
    );
    expect(res.status).toBe(204);
    expect(await keysOf()).toEqual([]);
  });
});

// The fixtures this test relies on hold its words (a fixture change must not make it vacuous).
it("the fixtures hold the distinctive words in their content, not in their names", () => {
  const gt = JSON.stringify(
    [
      "zugferd/gt/mustang2__MustangGnuaccountingBeispielRE-20190610_507.json",
      "kleister_nda/gt/00a1d238e37ac225b8045a97953e845d.json",
      "sroie/gt/X00016469619.json",
    ].map((p) => readJson(join(ROOT, "test/fixtures", p))),
  );
  for (const word of ["Stadthausen", "Spielkreis", "Sprunk", "DEDAP"]) {
    expect(gt).toContain(word);
    expect(labeledFixtures().some((d) => d.file.includes(word))).toBe(false);
  }
});
