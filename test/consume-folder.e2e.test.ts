import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Platform, ROOT, sleep } from "./support/platform";

const FIXTURE = join(ROOT, "test/fixtures/invoice2data/files/AmazonWebServices.pdf");
const POLL_MS = 2000;

interface ConsumeStatus {
  ok: boolean;
  active: boolean;
  problem: string | null;
  lastScanAt: string | null;
  pending: number;
  consumed: number;
  duplicates: number;
  failed: number;
}

interface DocumentItem {
  id: string;
  filename: string;
}

/** Poll until `check` answers something truthy (no fixed sleeps as synchronisation). */
async function until<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe("the consume folder", () => {
  const consumeDir = mkdtempSync(join(tmpdir(), "pagewise-consume-"));
  const platform = new Platform({
    startWorker: false,
    apiEnv: { PAGEWISE_CONSUME_DIR: consumeDir, PAGEWISE_CONSUME_POLL_MS: String(POLL_MS) },
  });
  let acmeToken = "";
  const fixture = readFileSync(FIXTURE);
  const fixtureSha = createHash("sha256").update(fixture).digest("hex");

  const status = async (): Promise<{ status: string; consume: ConsumeStatus }> =>
    (await platform.request("/readyz")).json() as Promise<{
      status: string;
      consume: ConsumeStatus;
    }>;
  const documents = async (): Promise<DocumentItem[]> => {
    const res = await platform.request("/v1/projects/acme/documents?limit=200", {}, acmeToken);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: DocumentItem[] }).items;
  };
  const consumeMetric = async (outcome: string): Promise<number> => {
    const text = await (await fetch(`${platform.baseUrl}/metrics`)).text();
    const line = text
      .split("\n")
      .find((l) => l.startsWith(`pagewise_consume_files_total{outcome="${outcome}"}`));
    return Number(line?.split(" ").at(-1) ?? Number.NaN);
  };

  beforeAll(async () => {
    await platform.start();
    const res = await platform.request("/v1/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "acme" }),
    });
    expect(res.status).toBe(201);
    acmeToken = ((await res.json()) as { adminToken: { token: string } }).adminToken.token;
    mkdirSync(join(consumeDir, "acme"));
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(consumeDir, { recursive: true, force: true });
  });

  it("ingests a file written in two halves once, whole, and moves it to done/", async () => {
    await until("the consumer to hold the lease", async () => (await status()).consume.active);
    const path = join(consumeDir, "acme", "AmazonWebServices.pdf");
    const half = Math.floor(fixture.length / 2);
    await writeFile(path, fixture.subarray(0, half));
    // A slow writer: the second half comes only once a scan has seen the first (and must not
    // have taken it); the next scan is POLL_MS away.
    await until("a scan to see the half-written file", async () => {
      const { consume } = await status();
      return consume.pending === 1 && consume.consumed === 0;
    });
    expect(existsSync(path)).toBe(true);
    await appendFile(path, fixture.subarray(half));

    await until("the file to be moved to done/", async () =>
      existsSync(join(consumeDir, "done", "acme", "AmazonWebServices.pdf")),
    );
    expect(existsSync(path)).toBe(false);
    const docs = await documents();
    expect(docs).toHaveLength(1);
    const doc = docs[0] as DocumentItem;
    expect(doc.filename).toBe("AmazonWebServices.pdf");
    // The whole file, never the first half.
    const row = await platform.db
      .selectFrom("documents")
      .select(["sha256", "size_bytes"])
      .where("id", "=", doc.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ sha256: fixtureSha, size_bytes: fixture.length });
    expect(listing(join(consumeDir, "done", "acme"))).toEqual(["AmazonWebServices.pdf"]);
    expect(readFileSync(join(consumeDir, "done", "acme", "AmazonWebServices.pdf"))).toEqual(
      fixture,
    );
    // The same upload path as the API: its event and audit entry, by the consume folder.
    const events = await platform.db
      .selectFrom("events")
      .select(["type", "actor"])
      .where("document_id", "=", doc.id)
      .execute();
    expect(events).toContainEqual({ type: "document.uploaded", actor: "system:consume-folder" });
    expect(await consumeMetric("consumed")).toBe(1);
    expect((await status()).consume).toMatchObject({ ok: true, consumed: 1, failed: 0 });
  });

  it("moves the same file dropped again to done/ beside the first, with a note, and makes no second document", async () => {
    const [first] = await documents();
    writeFileSync(join(consumeDir, "acme", "AmazonWebServices.pdf"), fixture);
    const note = join(consumeDir, "done", "acme", "AmazonWebServices-1.pdf.duplicate.json");
    await until("the duplicate note", async () => existsSync(note));
    expect(listing(join(consumeDir, "done", "acme"))).toEqual([
      "AmazonWebServices-1.pdf",
      "AmazonWebServices-1.pdf.duplicate.json",
      "AmazonWebServices.pdf",
    ]);
    expect(JSON.parse(readFileSync(note, "utf8"))).toMatchObject({
      file: "acme/AmazonWebServices.pdf",
      project: "acme",
      documentId: first?.id,
    });
    expect(await documents()).toHaveLength(1);
    expect(await consumeMetric("duplicate")).toBe(1);
  });

  it("moves an empty file, a program and a file for an unknown project to failed/ with their reasons", async () => {
    writeFileSync(join(consumeDir, "acme", "empty.pdf"), "");
    // A Windows program's first bytes (MZ header), not a document.
    writeFileSync(
      join(consumeDir, "acme", "setup.exe"),
      Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(4096, 7)]),
    );
    mkdirSync(join(consumeDir, "nosuchproject"));
    writeFileSync(join(consumeDir, "nosuchproject", "invoice.pdf"), fixture);
    // Ignored: a partial download and a dotfile stay where they are.
    writeFileSync(join(consumeDir, "acme", "later.pdf.part"), fixture.subarray(0, 100));
    writeFileSync(join(consumeDir, "acme", ".hidden.pdf"), fixture);

    const reason = (folder: string, name: string) =>
      join(consumeDir, "failed", folder, `${name}.reason.json`);
    await until("three reason files", async () =>
      [
        reason("acme", "empty.pdf"),
        reason("acme", "setup.exe"),
        reason("nosuchproject", "invoice.pdf"),
      ].every((p) => existsSync(p)),
    );
    const read = (p: string) => JSON.parse(readFileSync(p, "utf8")) as Record<string, string>;
    expect(read(reason("acme", "empty.pdf"))).toMatchObject({
      file: "acme/empty.pdf",
      code: "empty_file",
    });
    expect(read(reason("acme", "setup.exe"))).toMatchObject({
      file: "acme/setup.exe",
      code: "unsupported_type",
    });
    const unknown = read(reason("nosuchproject", "invoice.pdf"));
    expect(unknown).toMatchObject({ file: "nosuchproject/invoice.pdf", code: "not_found" });
    expect(unknown.message).toContain("nosuchproject");
    expect(listing(join(consumeDir, "failed", "acme"))).toEqual([
      "empty.pdf",
      "empty.pdf.reason.json",
      "setup.exe",
      "setup.exe.reason.json",
    ]);
    expect(readFileSync(join(consumeDir, "failed", "nosuchproject", "invoice.pdf"))).toEqual(
      fixture,
    );
    expect(listing(join(consumeDir, "acme"))).toEqual([".hidden.pdf", "later.pdf.part"]);
    expect(listing(join(consumeDir, "nosuchproject"))).toEqual([]);
    expect(await documents()).toHaveLength(1);
    expect(await consumeMetric("failed")).toBe(3);
    const { consume } = await status();
    expect(consume).toMatchObject({ consumed: 1, duplicates: 1, failed: 3 });
  });

  it("reports degraded, without stopping, while the folder is missing, and ready once it is back", async () => {
    const away = `${consumeDir}-away`;
    renameSync(consumeDir, away);
    try {
      const degraded = await until("degraded", async () => {
        const s = await status();
        return s.status === "degraded" && s;
      });
      expect(degraded.consume.ok).toBe(false);
      expect(degraded.consume.problem).toContain("does not exist");
      expect((await platform.request("/v1/projects/acme/documents", {}, acmeToken)).status).toBe(
        200,
      );
    } finally {
      renameSync(away, consumeDir);
    }
    await until("ready again", async () => (await status()).status === "ready");
    const log = readFileSync(join(platform.dataDir, "api.log"), "utf8");
    expect(log.match(/does not exist; nothing is consumed/g)).toHaveLength(1);
  });
});
