// List and review-queue latency of a big project, through the API (HTTP, admin token).
// Run: npx tsx bench/list-latency.ts [--docs 100000] [--dialect sqlite|postgres]
//        [--requests 40] [--rounds 3] [--json]
// 1. Inserts --docs documents into the default project straight through the storage layer (one
//    multi-row insert per 500 documents, each with a classification and an extraction result):
//    70 % processed (5 % of those sampled for audit), 25 % needs review, 3 % failed, 2 % queued,
//    created over 90 days. On PostgreSQL it then runs VACUUM ANALYZE, as autovacuum would.
// 2. Per round, --requests sequential requests of each: the list's first page (50, newest
//    first), deep list pages (following nextCursor from 25,000 documents deep on), the list
//    filtered by status, the review queue's first and deep pages (cursor), the project overview
//    (counts by status), and GET /v1/me as the floor (auth and HTTP, no document read). p50 and
//    p95 per round; the figures are the median over rounds of p95 (min beside it).
//    Target: p95 <= 20 ms at 100,000 documents.
// 3. The same queries straight through the storage layer in this process (the database's share
//    of each request, without HTTP, auth and the document view).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import {
  countDocumentsByStatus,
  getProjectByName,
  listDocuments,
  listReviewQueue,
} from "@pagewise/storage";
import { Platform } from "../test/support/platform";
import { printTable } from "./lib/datasets";
import { figure, jsonMode, median, percentile, printReport, report } from "./lib/figures";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "100000" },
    dialect: { type: "string", default: "sqlite" },
    requests: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
if (values.dialect !== "sqlite" && values.dialect !== "postgres") {
  throw new Error("--dialect sqlite|postgres");
}
jsonMode(values.json);
const DOCS = Number(values.docs);
const REQUESTS = Number(values.requests);
const ROUNDS = Number(values.rounds);
const TARGET_MS = 20;
const LIMIT = 50;

const platform = new Platform({ dialect: values.dialect, startWorker: false });
// A bench stopped early (timeout, Ctrl-C) still stops the API it started and drops its database.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
}
// A start that fails (the API not ready in time on a loaded machine) stops what it started.
await platform.start().catch(async (error: unknown) => {
  await platform.stop();
  throw error;
});

/** `count` documents as the worker leaves them, 500 per insert, in one transaction per 10,000. */
async function insertDocuments(projectId: string, count: number): Promise<void> {
  const now = Date.now();
  const span = 90 * 24 * 3600 * 1000;
  for (let start = 0; start < count; start += 10_000) {
    await platform.db.transaction().execute(async (trx) => {
      for (let batch = start; batch < Math.min(count, start + 10_000); batch += 500) {
        const docs = [];
        const results = [];
        for (let i = batch; i < Math.min(count, batch + 500); i++) {
          const id = `doc_${randomBytes(10).toString("hex")}`;
          const r = (i * 7919) % 100; // a fixed spread of statuses across the timeline
          const status =
            r < 70 ? "processed" : r < 95 ? "needs_review" : r < 98 ? "failed" : "queued";
          const at = new Date(now - span + Math.floor((i / count) * span)).toISOString();
          const confidence = status === "queued" || status === "failed" ? null : (r % 50) / 50;
          docs.push({
            id,
            project_id: projectId,
            status,
            filename: `receipt-${String(i).padStart(6, "0")}.pdf`,
            mime: "application/pdf",
            size_bytes: 20_000,
            sha256: randomBytes(32).toString("hex"),
            blob_key: randomBytes(32).toString("hex"),
            page_count: 1,
            error_code: status === "failed" ? "unreadable" : null,
            error_message: status === "failed" ? "The file could not be read." : null,
            idempotency_key: null,
            pipeline_run: 1,
            has_imported_layout: 0,
            created_at: at,
            updated_at: at,
            processed_at: confidence === null ? null : at,
            category: confidence === null ? null : "receipt",
            min_confidence: confidence,
            audit_sampled: status === "processed" && r % 20 === 0 ? 1 : 0,
            import_labels: null,
            review_reasons: status === "needs_review" ? JSON.stringify(["low_confidence"]) : null,
          });
          if (confidence !== null) {
            const field = (name: string, value: string) => ({
              name,
              value,
              normalized: value,
              confidence,
              page: 0,
              box: null,
              tokenIds: [],
            });
            results.push(
              {
                document_id: id,
                kind: "classification",
                model_version_id: null,
                model_version: 1,
                data: JSON.stringify({ category: "receipt", confidence: 0.9 }),
                created_at: at,
              },
              {
                document_id: id,
                kind: "extraction",
                model_version_id: null,
                model_version: 1,
                data: JSON.stringify([field("company", `Kedai ${i}`), field("total", `${i}.50`)]),
                created_at: at,
              },
            );
          }
        }
        await trx.insertInto("documents").values(docs).execute();
        if (results.length) await trx.insertInto("document_results").values(results).execute();
      }
    });
    process.stderr.write(`\rinserted ${Math.min(count, start + 10_000)} / ${count}`);
  }
  process.stderr.write("\n");
}

/** One statement without parameters (the bench has no query builder of its own). */
async function rawStatement(text: string): Promise<void> {
  const query = { kind: "RawNode", sqlFragments: [text], parameters: [] };
  await platform.db.executeQuery({
    sql: text,
    parameters: [],
    query,
    queryId: { queryId: text },
  } as unknown as Parameters<typeof platform.db.executeQuery>[0]);
}

async function timed(path: string): Promise<{ ms: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const res = await platform.request(path);
  const body = (await res.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  if (res.status !== 200)
    throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

/** The cursor `depth` items into a list, by following nextCursor with pages of 200. */
async function cursorAt(path: string, depth: number): Promise<string> {
  let cursor: string | null = null;
  for (let seen = 0; seen < depth; seen += 200) {
    const sep = path.includes("?") ? "&" : "?";
    const { body } = await timed(
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    cursor = body.nextCursor as string | null;
    if (!cursor) throw new Error(`${path} ends before ${depth} items`);
  }
  return cursor!;
}

try {
  const project = (await getProjectByName(platform.db, "default"))!;
  const insertStarted = performance.now();
  await insertDocuments(project.id, DOCS);
  if (values.dialect === "postgres") await rawStatement("vacuum analyze documents");
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  console.log(`${DOCS} documents inserted in ${insertSeconds.toFixed(1)} s (${values.dialect})`);

  const base = "/v1/projects/default";
  const queueTotal = (await timed(`${base}/review-queue?limit=1`)).body.total as number;
  const listDeep = await cursorAt(`${base}/documents`, Math.min(25_000, Math.floor(DOCS / 4)));
  const queueDeep = await cursorAt(`${base}/review-queue`, Math.floor(queueTotal / 2));
  const c = (cursor: string) => `cursor=${encodeURIComponent(cursor)}`;
  const measures: Record<string, { label: string; path: () => string }> = {
    listFirstPage: { label: "list, first page", path: () => `${base}/documents?limit=${LIMIT}` },
    listDeepPage: {
      label: "list, deep page (cursor)",
      path: () => `${base}/documents?limit=${LIMIT}&${c(listDeep)}`,
    },
    listByStatus: {
      label: "list, status=needs_review",
      path: () => `${base}/documents?limit=${LIMIT}&status=needs_review`,
    },
    reviewQueueFirstPage: {
      label: "review queue, first page",
      path: () => `${base}/review-queue?limit=${LIMIT}`,
    },
    reviewQueueDeepPage: {
      label: "review queue, deep page (cursor)",
      path: () => `${base}/review-queue?limit=${LIMIT}&${c(queueDeep)}`,
    },
    overviewCounts: { label: "project overview (counts)", path: () => base },
    floor: { label: "floor: GET /v1/me (no documents)", path: () => "/v1/me" },
  };
  const p95s: Record<string, number[]> = {};
  const p50s: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, m] of Object.entries(measures)) {
      for (let i = 0; i < 5; i++) await timed(m.path()); // warm-up
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push((await timed(m.path())).ms);
      p95s[name] = [...(p95s[name] ?? []), percentile(times, 95)];
      p50s[name] = [...(p50s[name] ?? []), percentile(times, 50)];
    }
  }
  const queries: Record<string, () => Promise<unknown>> = {
    listFirstPage: () => listDocuments(platform.db, project.id, { limit: LIMIT }),
    listDeepPage: () => listDocuments(platform.db, project.id, { limit: LIMIT, cursor: listDeep }),
    listByStatus: () =>
      listDocuments(platform.db, project.id, { limit: LIMIT, status: "needs_review" }),
    reviewQueueFirstPage: () => listReviewQueue(platform.db, project.id, { limit: LIMIT }),
    reviewQueueDeepPage: () =>
      listReviewQueue(platform.db, project.id, { limit: LIMIT, cursor: queueDeep }),
    overviewCounts: () => countDocumentsByStatus(platform.db, project.id),
  };
  const queryP95: Record<string, number> = {};
  for (const [name, run] of Object.entries(queries)) {
    for (let i = 0; i < 5; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    queryP95[name] = percentile(times, 95);
  }
  const f = (n: number) => n.toFixed(1);
  printTable([
    [
      "measure (HTTP)",
      "p50 ms (median)",
      "p95 ms (median)",
      "p95 ms (min)",
      `<= ${TARGET_MS} ms`,
      "query only p95",
    ],
    ...Object.entries(measures).map(([name, m]) => [
      m.label,
      f(median(p50s[name]!)),
      f(median(p95s[name]!)),
      f(Math.min(...p95s[name]!)),
      median(p95s[name]!) <= TARGET_MS ? "yes" : "NO",
      queryP95[name] === undefined ? "" : f(queryP95[name]!),
    ]),
  ]);
  console.log(
    `(${DOCS} documents, ${queueTotal} in the review queue, ${values.dialect}, ${ROUNDS} rounds × ${REQUESTS} requests)`,
  );
  const figures = Object.fromEntries(
    Object.keys(measures).map((name) => {
      const value = median(p95s[name]!);
      return [
        `${name}P95`,
        figure(value, TARGET_MS, "ms", {
          meets: value <= TARGET_MS,
          note: `min p95 ${f(Math.min(...p95s[name]!))} ms, median p50 ${f(median(p50s[name]!))} ms${queryP95[name] === undefined ? "" : `, storage query alone p95 ${f(queryP95[name]!)} ms`}`,
        }),
      ];
    }),
  );
  printReport(
    values.json,
    report(
      "list-latency",
      { docs: DOCS, dialect: values.dialect, requests: REQUESTS, rounds: ROUNDS, queueTotal },
      figures,
    ),
  );
} finally {
  await platform.stop();
}
process.exit(0);
