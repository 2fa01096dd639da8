import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upload, waitForTerminal } from "./support/documents";
import { createProject, type ProjectHandle } from "./support/loop";
import { Platform, ROOT } from "./support/platform";

/** A small one-page PDF with a text layer: read without OCR, so each document is quick. */
const PDF = readFileSync(join(ROOT, "test/fixtures/invoice2data/files/FlipkartInvoice.pdf"));
const BURST = 200;
const PER_REQUEST = 50;
const TERMINAL = ["processed", "needs_review", "reviewed", "failed"];

/** The same PDF with a trailing comment: distinct bytes (and sha256), so a distinct document. */
function copy(tag: string): { name: string; bytes: Uint8Array } {
  const bytes = Buffer.concat([PDF, Buffer.from(`\n%fair-${tag}\n`)]);
  return { name: `${tag}.pdf`, bytes };
}

/** Upload one document and answer the time from the request to its terminal status. */
async function timeOne(platform: Platform, project: ProjectHandle, tag: string) {
  const started = Date.now();
  const [id] = await upload(platform, [copy(tag)], { project: project.name, token: project.token });
  const doc = await waitForTerminal(platform, id!, 60_000, project.name, project.token);
  return { doc, ms: Date.now() - started };
}

async function terminalCount(platform: Platform, projectName: string): Promise<number> {
  const row = await platform.db
    .selectFrom("documents")
    .innerJoin("projects", "projects.id", "documents.project_id")
    .where("projects.name", "=", projectName)
    .where("documents.status", "in", TERMINAL)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("fair scheduling between projects (postgres)", () => {
  const platform = new Platform({
    dialect: "postgres",
    apiEnv: { PAGEWISE_MAX_FILES_PER_REQUEST: String(PER_REQUEST) },
    // One worker, two reader threads: a stable, small amount of parallel work to jump.
    workerEnv: { PAGEWISE_READER_THREADS: "2" },
  });
  beforeAll(() => platform.start(), 90_000);
  afterAll(() => platform.stop(), 60_000);

  it("finishes project B's single document while most of project A's burst still waits", async () => {
    const a = await createProject(platform, "burst");
    const b = await createProject(platform, "single");
    // Warm the worker (first document loads code and models), then B's solo time on an idle queue.
    await timeOne(platform, b, "warm");
    const solo = await timeOne(platform, b, "solo");
    expect(solo.doc.status).not.toBe("failed");

    const burstStarted = Date.now();
    await Promise.all(
      Array.from({ length: BURST / PER_REQUEST }, (_, r) =>
        upload(
          platform,
          Array.from({ length: PER_REQUEST }, (_, i) => copy(`a-${r * PER_REQUEST + i}`)),
          { project: a.name, token: a.token },
        ),
      ),
    );
    const burstQueuedMs = Date.now() - burstStarted;
    const doneBeforeB = await terminalCount(platform, a.name);

    const single = await timeOne(platform, b, "single");
    const doneWithB = await terminalCount(platform, a.name);
    // What the worker did for A while B waited, as a rate: A's documents per second over the run.
    const aDocMs = (Date.now() - burstStarted) / Math.max(1, doneWithB);
    console.info(
      JSON.stringify({
        soloMs: solo.ms,
        singleMs: single.ms,
        burstQueuedMs,
        aDoneBeforeB: doneBeforeB,
        aDoneDuringB: doneWithB - doneBeforeB,
        aDoneWithB: doneWithB,
        aDocMs: Math.round(aDocMs),
      }),
    );

    expect(single.doc.status).not.toBe("failed");
    // B ended while at least 80 % of A's burst was still pending.
    expect(doneWithB).toBeLessThanOrEqual(BURST * 0.2);
  }, 120_000);
});
