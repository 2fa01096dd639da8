import { readFileSync } from "node:fs";
import { join } from "node:path";
import { jobIds } from "@pagewise/queue";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upload, waitForTerminal } from "./support/documents";
import { createProject, type ProjectHandle } from "./support/loop";
import { Platform, REDIS_URL, ROOT } from "./support/platform";

/** A small one-page PDF with a text layer: read without OCR, so each document is quick. */
const PDF = readFileSync(join(ROOT, "test/fixtures/invoice2data/files/FlipkartInvoice.pdf"));
const BURST = 200;
const PER_REQUEST = 50;
/** The worker's concurrency (apps/worker/src/main.ts): pipeline 8, reading 2 per reader thread. */
const READER_THREADS = 2;
const WORKER_SLOTS = 8 + 2 * READER_THREADS;
const PACE_DOCS = 25;
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
  return { doc, started, ms: Date.now() - started };
}

/**
 * Where a one-page document's time went, stage by stage (from BullMQ's own job timestamps, kept
 * an hour after completion): `[priority, ms waiting in the queue, ms running]`, and the upload
 * request's share before its first job was added. Printed beside the figures, so that a slow run
 * in CI says which stage it waited for.
 */
async function stageTimes(platform: Platform, documentId: string, uploadStarted: number) {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = {
    pipeline: new Queue("pipeline", { connection, prefix: platform.prefix }),
    reading: new Queue("reading", { connection, prefix: platform.prefix }),
  };
  const stages = [
    ["ingest", queues.pipeline, jobIds.ingest(documentId, 1)],
    ["read", queues.reading, jobIds.read(documentId, 1, 0)],
    ["classify", queues.pipeline, jobIds.classify(documentId, 1)],
    ["extract", queues.pipeline, jobIds.extract(documentId, 1)],
    ["finalize", queues.pipeline, jobIds.finalize(documentId, 1)],
  ] as const;
  const times: Record<string, unknown> = {};
  let ready: number | undefined;
  try {
    for (const [stage, queue, id] of stages) {
      const job = await queue.getJob(id);
      if (!job?.processedOn || !job.finishedOn) continue;
      // A parent becomes ready when its child finishes, not when it was added.
      const since = Math.max(job.timestamp, ready ?? 0);
      if (stage === "ingest") times.uploadMs = job.timestamp - uploadStarted;
      times[stage] = [job.opts.priority, job.processedOn - since, job.finishedOn - job.processedOn];
      ready = job.finishedOn;
    }
  } finally {
    await Promise.all(Object.values(queues).map((q) => q.close()));
    connection.disconnect();
  }
  return times;
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
    workerEnv: { PAGEWISE_READER_THREADS: String(READER_THREADS) },
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
    const pendingAtB = BURST - doneBeforeB;

    const single = await timeOne(platform, b, "single");
    const doneWithB = await terminalCount(platform, a.name);
    const doneDuringB = doneWithB - doneBeforeB;
    const singleStages = await stageTimes(platform, single.doc.id, single.started);

    // A's pace under full load, measured after B: the time per A document (wall clock, with the
    // worker's parallelism) while A's next PACE_DOCS documents finish (enough of them to smooth
    // out documents that finish in clumps).
    const paceStarted = Date.now();
    const paceFrom = await terminalCount(platform, a.name);
    await expect
      .poll(() => terminalCount(platform, a.name), { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(paceFrom + PACE_DOCS);
    const aDocMs =
      (Date.now() - paceStarted) / ((await terminalCount(platform, a.name)) - paceFrom);
    // B's own jobs share the two cores with the A jobs that run beside them (up to twice its solo
    // time), and at each of its two reader-bound stages (ingest's inspection, the page read) each
    // worker slot may hold one A job that started before B's (one job per slot, each at most an
    // A document's worth at A's pace). Without fair scheduling B waits for all of A's pending
    // documents instead: `pendingAtB * aDocMs`.
    const boundMs = 2 * solo.ms + 2 * WORKER_SLOTS * aDocMs;
    console.info(
      JSON.stringify({
        soloMs: solo.ms,
        singleMs: single.ms,
        boundMs: Math.round(boundMs),
        unfairMs: Math.round(pendingAtB * aDocMs),
        aDocMs: Math.round(aDocMs),
        burstQueuedMs,
        aDoneBeforeB: doneBeforeB,
        aDoneDuringB: doneDuringB,
        singleStages,
      }),
    );

    expect(single.doc.status).not.toBe("failed");
    // A real backlog was waiting when B arrived…
    expect(pendingAtB).toBeGreaterThanOrEqual(BURST / 2);
    // …and B ended while most of it was still pending (here: 3–15 of ~195 finished beside B;
    // once 64 on a loaded machine; without fair scheduling all of them finish first),
    expect(doneDuringB).toBeLessThanOrEqual(pendingAtB * 0.5);
    // in well under the wait that A's backlog would have cost it. The tighter bound (its own
    // time plus about one job per worker slot, `boundMs`) held in 7 of 8 runs here; it is
    // logged above, not asserted, since one slow run on a shared machine must not fail CI.
    expect(single.ms).toBeLessThanOrEqual(0.5 * pendingAtB * aDocMs);
  }, 120_000);
});
