import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import {
  classifyDocument,
  datasetLayoutToLayout,
  initBackend,
  loadClassifier,
  mapGroundTruth,
  saveModel,
  type TrainingDocument,
  trainClassifier,
} from "@pagewise/models";
import {
  attachPendingArtifacts,
  createDatasetSnapshot,
  createModelVersion,
  getModelVersionById,
  validateModelArtifacts,
} from "@pagewise/registry";
import { createProject, insertDocument, LocalBlobStore, savePageLayout } from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateUploadedVersion } from "./evaluate-uploaded-version";
import type { SnapshotContent } from "./snapshot-content";

// The committed receipts of the models package (the test/ fixtures hold only three).
const SROIE = resolve(import.meta.dirname, "../../../../packages/models/test-data/sroie");
const log = pino({ level: "silent" });

/** The committed receipts with their layouts, as training documents. */
function receipts(): TrainingDocument[] {
  return readdirSync(join(SROIE, "gt"))
    .filter((n) => n.endsWith(".json"))
    .sort()
    .flatMap((name) => {
      const layout = datasetLayoutToLayout(
        JSON.parse(readFileSync(join(SROIE, "layout", name), "utf8")),
      );
      const gt = JSON.parse(readFileSync(join(SROIE, "gt", name), "utf8"));
      const doc = mapGroundTruth(gt, layout, DEFAULT_LABEL_SCHEMA, `sroie/${name}`);
      return doc ? [doc] : [];
    });
}

let docs: TrainingDocument[];
let files: Record<string, Uint8Array>;

beforeAll(async () => {
  await initBackend();
  docs = receipts().slice(0, 12);
  const classifier = await trainClassifier(docs.slice(0, 8), DEFAULT_LABEL_SCHEMA, { seed: 1 });
  files = await saveModel(classifier);
});

describe("a real trained model's artifact", () => {
  it("passes the upload checks and loads back with the same predictions", async () => {
    expect(validateModelArtifacts(files, "classifier")).toMatchObject({ kind: "classifier" });
    expect(() => validateModelArtifacts(files, "extractor")).toThrow(/not a extractor/);
    const weights = files["weights.bin"]!.slice();
    weights[7] = weights[7]! ^ 1;
    expect(() =>
      validateModelArtifacts({ ...files, "weights.bin": weights }, "classifier"),
    ).toThrow(/checksum/);
    const original = await loadClassifier(files);
    const copied = await loadClassifier(
      Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.slice()])),
    );
    for (const doc of docs.slice(8)) {
      expect(await classifyDocument(copied, doc.layout)).toEqual(
        await classifyDocument(original, doc.layout),
      );
    }
  });
});

describe.each(TEST_DIALECTS)("scoring an uploaded version on %s", (dialect) => {
  let t: TestDatabase;
  let blobDir: string;
  let blobs: LocalBlobStore;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    blobDir = mkdtempSync(join(tmpdir(), "pagewise-upload-eval-"));
    blobs = new LocalBlobStore(blobDir);
    projectId = (await createProject(t.db, { name: "uploads" })).id;
    // The project's validation set: four receipts the model never saw, in a snapshot.
    const content: SnapshotContent = {
      projectId,
      labelSchema: DEFAULT_LABEL_SCHEMA,
      documents: [],
    };
    for (const doc of docs.slice(8)) {
      const { document } = await insertDocument(t.db, {
        projectId,
        filename: `${doc.id}.pdf`,
        sizeBytes: 1,
        sha256: "a".repeat(64),
        blobKey: "a".repeat(64),
      });
      for (const page of doc.layout.pages) await savePageLayout(t.db, document.id, page);
      content.documents.push({
        id: document.id,
        sha256: "a".repeat(64),
        split: "validation",
        category: doc.category,
        fields: doc.fields,
      });
    }
    const { key } = await blobs.put(new TextEncoder().encode(JSON.stringify(content)));
    await createDatasetSnapshot(t.db, {
      id: `ds_${dialect}`,
      projectId,
      contentHash: "h",
      labelSchemaVersion: 1,
      trainCount: 0,
      validationCount: 4,
      blobKey: key,
    });
  });
  afterAll(async () => {
    await t.drop();
    rmSync(blobDir, { recursive: true, force: true });
  });

  async function uploaded(artifactFiles: Record<string, Uint8Array>) {
    const version = await createModelVersion(t.db, {
      projectId,
      kind: "classifier",
      trainingRunId: null,
      lineage: {
        trainingRunId: null,
        datasetSnapshotId: null,
        datasetHash: null,
        labelSchemaVersion: null,
        trainDocuments: 8,
        validationDocuments: 0,
        codeVersion: "test",
        hyperparameters: {},
        seed: 1,
        backend: "wasm",
        trainingDurationMs: 0,
        weightsHash: "x",
        origin: "upload",
      },
    });
    const artifacts: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(artifactFiles)) {
      artifacts[name] = (await blobs.put(bytes)).key;
    }
    await attachPendingArtifacts(t.db, version.id, artifacts);
    return version.id;
  }

  it("turns a pending upload ready with its metrics on the validation set", async () => {
    const id = await uploaded(files);
    expect((await getModelVersionById(t.db, id))!.status).toBe("pending");
    expect(await evaluateUploadedVersion({ db: t.db, blobs }, id, log)).toEqual({
      status: "ready",
      documents: 4,
    });
    const version = (await getModelVersionById(t.db, id))!;
    expect(version.status).toBe("ready");
    expect(version.metrics).toMatchObject({ documents: 4, accuracy: expect.any(Number) });
    expect(version.lineage.validationDocuments).toBe(4);
    // Done once: a duplicate job changes nothing.
    expect(await evaluateUploadedVersion({ db: t.db, blobs }, id, log)).toEqual({
      status: "skipped",
    });
  });

  it("fails an upload whose stored artifact no longer passes the checks", async () => {
    const id = await uploaded({ ...files, "weights.bin": new Uint8Array(16) });
    expect(await evaluateUploadedVersion({ db: t.db, blobs }, id, log)).toEqual({
      status: "failed",
    });
    const version = (await getModelVersionById(t.db, id))!;
    expect(version.status).toBe("failed");
    expect(version.error).toMatch(/weights.bin has 16 bytes/);
  });
});
