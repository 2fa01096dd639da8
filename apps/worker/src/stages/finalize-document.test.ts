import { randomBytes } from "node:crypto";
import type { ExtractedField } from "@pagewise/core";
import { createRedisConnection, JobProducer, jobIds } from "@pagewise/queue";
import {
  createProject,
  getDocumentById,
  insertDocument,
  saveDocumentResult,
  savePageLayout,
  transitionDocument,
} from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import type { Job } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerDeps } from "../deps";
import { DocumentContexts } from "../document-context";
import { finalizeDocument } from "./finalize-document";

const field = (name: string, confidence: number): ExtractedField => ({
  name,
  value: "x",
  normalized: null,
  confidence,
  page: 0,
  box: null,
  tokenIds: [],
});

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.each(TEST_DIALECTS)("finalizing a document on %s", (dialect) => {
  let t: TestDatabase;
  const logger = pino({ level: "silent" });
  const redis = createRedisConnection(REDIS_URL);
  const prefix = `pw-finalize-test-${randomBytes(4).toString("hex")}`;
  const producer = new JobProducer(redis, prefix);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.drop();
    await producer.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  /** Whether the document's page 0 waits for its image to be made ahead of time. */
  const renderQueued = async (documentId: string) =>
    (await producer.queue("reading").getJob(jobIds.render(documentId, 0))) !== undefined;

  /** A read document in `processing` with the given model results (none: no model yet). */
  async function readDocument(
    project: { id: string; name: string },
    results?: { category: string; confidence: number; fields: ExtractedField[] },
    pageImages?: WorkerDeps["pageImages"],
  ) {
    const { document } = await insertDocument(t.db, {
      projectId: project.id,
      filename: "receipt.jpg",
      sizeBytes: 1,
      sha256: "c".repeat(64),
      blobKey: "c".repeat(64),
    });
    await transitionDocument(t.db, document.id, {
      from: ["queued"],
      to: "processing",
      pageCount: 1,
    });
    await savePageLayout(t.db, document.id, {
      index: 0,
      width: 100,
      height: 100,
      source: "text",
      tokens: [],
    });
    if (results) {
      const version = { modelVersionId: null, modelVersion: 1 };
      await saveDocumentResult(t.db, {
        documentId: document.id,
        kind: "classification",
        ...version,
        data: { category: results.category, confidence: results.confidence },
      });
      await saveDocumentResult(t.db, {
        documentId: document.id,
        kind: "extraction",
        ...version,
        data: results.fields,
      });
    }
    const deps = {
      db: t.db,
      logger,
      contexts: new DocumentContexts(),
      producer,
      pageImages,
    } as unknown as WorkerDeps;
    await finalizeDocument(
      { documentId: document.id, run: 1 },
      { job: {} as Job, deps, log: logger },
    );
    return (await getDocumentById(t.db, document.id))!;
  }

  it("stores why a document waits for a person: a missing required field and low confidences", async () => {
    const project = await createProject(t.db, { name: `p1-${dialect}` });
    // A receipt requires company, date and total; total is missing, date is unsure.
    const doc = await readDocument(project, {
      category: "receipt",
      confidence: 0.99,
      fields: [field("company", 0.97), field("date", 0.42)],
    });
    expect(doc.status).toBe("needs_review");
    expect(doc.reviewReasons).toEqual([
      { code: "low_confidence", field: "date", confidence: 0.42 },
      { code: "missing_required", field: "total", confidence: null },
    ]);
  });

  it("names the category's own low confidence with no field, and no model when there is none", async () => {
    const project = await createProject(t.db, { name: `p2-${dialect}` });
    const unsure = await readDocument(project, {
      category: "receipt",
      confidence: 0.5,
      fields: [field("company", 0.9), field("date", 0.9), field("total", 0.9)],
    });
    expect(unsure.reviewReasons).toEqual([
      { code: "low_confidence", field: null, confidence: 0.5 },
    ]);
    const unread = await readDocument(project);
    expect(unread.reviewReasons).toEqual([{ code: "no_model", field: null, confidence: null }]);
  });

  it("marks a confident document drawn for audit, and gives a confident one no reason", async () => {
    const confident = { category: "receipt", confidence: 0.99, fields: [] as ExtractedField[] };
    confident.fields = [field("company", 0.9), field("date", 0.9), field("total", 0.9)];
    const audited = await createProject(t.db, {
      name: `p3-${dialect}`,
      settings: { auditSampleRate: 1 },
    });
    const sampled = await readDocument(audited, confident);
    expect(sampled).toMatchObject({ status: "processed", auditSampled: true });
    expect(sampled.reviewReasons).toEqual([
      { code: "audit_sample", field: null, confidence: null },
    ]);
    const plain = await createProject(t.db, {
      name: `p4-${dialect}`,
      settings: { auditSampleRate: 0 },
    });
    const done = await readDocument(plain, confident);
    expect(done).toMatchObject({ status: "processed", reviewReasons: [] });
  });

  it("queues the page images of a document that waits for review, by default and as configured", async () => {
    const project = await createProject(t.db, { name: `p5-${dialect}` });
    const confident = { category: "receipt", confidence: 0.99, fields: [] as ExtractedField[] };
    confident.fields = [field("company", 0.9), field("date", 0.9), field("total", 0.9)];
    // Default `review`: a person will open this one, the processed one may never be looked at.
    const review = await readDocument(project);
    expect(review.status).toBe("needs_review");
    expect(await renderQueued(review.id)).toBe(true);
    const processed = await readDocument(project, confident);
    expect(processed.status).toBe("processed");
    expect(await renderQueued(processed.id)).toBe(false);
    expect(await renderQueued((await readDocument(project, confident, "all")).id)).toBe(true);
    expect(await renderQueued((await readDocument(project, undefined, "on-view")).id)).toBe(false);
  });
});
