import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import {
  createProject,
  deleteDocument,
  FieldEncryption,
  generateMasterKey,
  insertDocument,
  MasterKeyring,
} from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeSnapshot, encodeSnapshot, type SnapshotContent } from "./snapshot-content";

describe.each(TEST_DIALECTS)("snapshot labels sealed per document on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("seals each document's labels with its key; a deleted document drops out of the snapshot", async () => {
    const db = t.db.withPlugin(new FieldEncryption(new MasterKeyring([generateMasterKey()])));
    const projectId = (await createProject(db, { name: "p" })).id;
    const ids: string[] = [];
    for (const c of ["a", "b"]) {
      const { document } = await insertDocument(db, {
        projectId,
        filename: `${c}.pdf`,
        sizeBytes: 1,
        sha256: c.repeat(64),
        blobKey: c.repeat(64),
      });
      ids.push(document.id);
    }
    const content: SnapshotContent = {
      projectId,
      labelSchema: DEFAULT_LABEL_SCHEMA,
      documents: ids.map((id, i) => ({
        id,
        sha256: "a".repeat(64),
        split: "train" as const,
        category: "invoice",
        fields: [{ name: "vendor", value: `Quetzalcoatlus ${i}` }],
        ...(i === 1 ? { absent: ["date"] } : {}),
      })),
    };
    const bytes = await encodeSnapshot(db, content);
    expect(new TextDecoder().decode(bytes)).not.toContain("Quetzalcoatlus");
    expect(await decodeSnapshot(db, bytes)).toEqual(content);

    await deleteDocument(db, projectId, ids[0] as string);
    expect((await decodeSnapshot(db, bytes)).documents).toEqual([content.documents[1]]);
    // Without encryption (no keys on the handle) the labels stay as they were.
    const clear = await encodeSnapshot(t.db, content);
    expect(await decodeSnapshot(t.db, clear)).toEqual(content);
  });
});
