import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalBlobStore } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";
import { RedisLease } from "./consume-lock";
import { FolderConsumer } from "./folder-consumer";

const FIXTURES = join(import.meta.dirname, "../../../../test/fixtures/invoice2data/files");

describe.each(TEST_DIALECTS)("two API processes on one consume folder (%s)", (dialect) => {
  let api: TestApi;
  let dir = "";
  const consumers: FolderConsumer[] = [];

  beforeAll(async () => {
    api = await createTestApi(dialect);
    dir = mkdtempSync(join(tmpdir(), "pagewise-consume-unit-"));
  });
  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An API process's consumer: its own stability check, the installation's one lease key. */
  const consumer = () => {
    const created = new FolderConsumer(
      {
        db: api.db,
        blobs: new LocalBlobStore(api.blobDir),
        producer: api.producer,
        logger: pino({ level: "silent" }),
        limits: { maxFileBytes: 5_000_000, maxFilesPerRequest: 5 },
      },
      new RedisLease(api.redis, `${api.prefix}:consume-lock`, 60_000),
      { dir, defaultProject: "default", pollMs: 1000 },
    );
    consumers.push(created);
    return created;
  };

  const documentCount = async () =>
    Number(
      (
        await api.db
          .selectFrom("documents")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("lets only the lease holder scan; the other takes over once it is given back", async () => {
    const a = consumer();
    const b = consumer();
    const first = readFileSync(join(FIXTURES, "FlipkartInvoice.pdf"));
    writeFileSync(join(dir, "first.pdf"), first);

    // Both scan in turn, as two processes would: only the holder sees and takes the file.
    for (let round = 0; round < 3; round++) {
      await a.tick();
      await b.tick();
    }
    expect(a.status()).toMatchObject({ ok: true, active: true, consumed: 1, pending: 0 });
    expect(b.status()).toMatchObject({ ok: true, active: false, consumed: 0, lastScanAt: null });
    expect(readdirSync(join(dir, "done", "default"))).toEqual(["first.pdf"]);
    expect(await documentCount()).toBe(1);

    // A shuts down cleanly: B holds the lease at its next round and consumes.
    await a.stop();
    writeFileSync(join(dir, "second.pdf"), readFileSync(join(FIXTURES, "AmazonWebServices.pdf")));
    // The first file again (as after a crash between upload and move): a duplicate, not a document.
    writeFileSync(join(dir, "first.pdf"), first);
    await b.tick();
    await b.tick();
    expect(b.status()).toMatchObject({ active: true, consumed: 1, duplicates: 1, pending: 0 });
    expect(readdirSync(join(dir, "done", "default")).sort()).toEqual([
      "first-1.pdf",
      "first-1.pdf.duplicate.json",
      "first.pdf",
      "second.pdf",
    ]);
    expect(await documentCount()).toBe(2);
  });
});
