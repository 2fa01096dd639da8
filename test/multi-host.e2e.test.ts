import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@pagewise/storage/testing";
import { startTestS3Server, type TestS3Server } from "@pagewise/storage/testing-s3";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocumentJson, getDocument, upload } from "./support/documents";
import { Host, type HostLayout, hostLayout } from "./support/hosts";
import { importLabeled, labeledFixtures } from "./support/labeled-fixtures";
import { createProject, type ProjectHandle, startTraining, waitForRun } from "./support/loop";
import { freePort, type PlatformClient, REDIS_URL, ROOT, sleep } from "./support/platform";

const fixture = (path: string) => join(ROOT, "test/fixtures", path);
// Text-layer PDFs (read in a moment) and scans (read by OCR, the slow part of a load).
const TEXT = [
  "invoice2data/files/AmazonWebServices.pdf",
  "invoice2data/files/FlipkartInvoice.pdf",
  "kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf",
  "zugferd/files/mustang2__MustangGnuaccountingBeispielRE-20190610_507.pdf",
  "zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf",
].map(fixture);
const SCANS = [
  "sroie/files/X00016469619.jpg",
  "sroie/files/X51005306399.jpg",
  "sroie/files/X51005442341.jpg",
  "image-only/X00016469619.pdf",
].map(fixture);
const TERMINAL = new Set(["processed", "needs_review", "reviewed", "failed"]);
const FINAL_EVENTS = ["document.processed", "document.failed"];

/**
 * A fixture with a few bytes appended after its end (PDF readers and image decoders ignore
 * them): the same document to read, yet distinct bytes, so the upload is not a duplicate.
 */
function copyOf(path: string, tag: string): { name: string; bytes: Uint8Array } {
  const bytes = Buffer.concat([readFileSync(path), Buffer.from(`\n%pagewise ${tag}\n`)]);
  return { name: `${tag}-${basename(path)}`, bytes };
}

/** What processing decided about a document: the part that must not depend on the host. */
function resultOf(doc: DocumentJson) {
  return {
    status: doc.status,
    pageCount: doc.pageCount,
    error: doc.error?.code ?? null,
    category: doc.category?.name ?? null,
    fields: doc.fields
      .map((f) => ({
        name: f.name,
        value: f.value,
        normalized: f.normalized,
        model: f.modelVersion,
      }))
      .sort((a, b) => `${a.name}\0${a.value}`.localeCompare(`${b.name}\0${b.value}`)),
  };
}

/**
 * Many hosts, proven here: the API and the workers each run as a separate "host" (own mount
 * namespace, private tmpfs data and temp folders, see support/hosts.ts) and share only
 * PostgreSQL, Redis and an S3 server over TCP, and the master key from their environment. A
 * worker host dies mid-load and another replaces it; a model trained on one host is served by
 * the others.
 */
describe("many hosts sharing PostgreSQL, Redis and S3 over TCP", () => {
  const root = mkdtempSync(join(tmpdir(), "pagewise-hosts-"));
  const prefix = `pw-e2e-${randomBytes(4).toString("hex")}`;
  const adminToken = `pw_e2e_${randomBytes(16).toString("hex")}`;
  const hosts: Host[] = [];
  let layout: HostLayout;
  let s3: TestS3Server;
  let database: TestDatabase;
  let env: Record<string, string>;
  let api: PlatformClient;
  let project: ProjectHandle;

  const startWorker = async (name: string): Promise<Host> => {
    const host = Host.start(name, layout, "apps/worker/src/main.ts", {
      ...env,
      PAGEWISE_READER_THREADS: "1",
      PAGEWISE_WORKER_METRICS_PORT: String(await freePort()),
      // A dead host's job is taken over within seconds (production: 30 s and minutes).
      PAGEWISE_JOB_LOCK_MS: "4000",
      PAGEWISE_STALLED_CHECK_MS: "2000",
      PAGEWISE_RECONCILE_EVERY_MS: "2000",
      PAGEWISE_STALE_AFTER_MS: "3000",
      // One pass over the rows per epoch: this is about where a model is served, not its quality.
      PAGEWISE_EXTRACTOR_MIN_STEPS: "0",
    });
    hosts.push(host);
    await host.waitFor(/worker started/);
    return host;
  };

  const uploadCopies = async (files: string[], tag: string) => {
    const ids: string[] = [];
    for (const [i, file] of files.entries()) {
      const [id] = await upload(api, [copyOf(file, `${tag}${i}`)], {
        project: project.name,
        token: project.token,
      });
      ids.push(id!);
    }
    return ids;
  };
  const documents = (ids: string[]) =>
    Promise.all(ids.map((id) => getDocument(api, id, project.name, project.token)));
  const terminalCount = async (ids: string[]) =>
    (await documents(ids)).filter((d) => TERMINAL.has(d.status)).length;

  beforeAll(async () => {
    layout = hostLayout(root);
    s3 = await startTestS3Server();
    database = await createTestDatabase("postgres", { migrate: false });
    const port = await freePort();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      PAGEWISE_QUEUE_PREFIX: prefix,
      PAGEWISE_ADMIN_TOKEN: adminToken,
      // One key for every host, from the environment: no host has another's key file.
      PAGEWISE_MASTER_KEY: randomBytes(32).toString("base64"),
      PAGEWISE_AUTO_MIGRATE: "off",
      PAGEWISE_RATE_LIMIT_REQUESTS_PER_TOKEN: "1000000",
      PORT: String(port),
      LOG_LEVEL: "info",
      ...s3.env("pagewise/"),
    };
    // A file in the test's own view of the data folder: no host may see it.
    writeFileSync(join(layout.dataDir, "outside-marker"), "test process");

    const migrate = Host.start("migrate", layout, "apps/cli/src/main.ts", env, ["migrate"]);
    expect(await migrate.exited(), migrate.output()).toBe(0);

    const apiHost = Host.start("api", layout, "apps/api/src/main.ts", env);
    hosts.push(apiHost);
    const baseUrl = `http://127.0.0.1:${port}`;
    api = {
      request: (path, init = {}, token = adminToken) =>
        fetch(baseUrl + path, {
          ...init,
          headers: { Authorization: `Bearer ${token}`, ...init.headers },
        }),
    };
    // (expect.poll works only inside a test.)
    const deadline = Date.now() + 90_000;
    while (
      (await fetch(`${baseUrl}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (apiHost.child.exitCode !== null) throw new Error(`API exited: ${apiHost.output()}`);
      if (Date.now() > deadline) throw new Error("API not ready in time");
      await sleep(200);
    }
    project = await createProject(api, "hosts", { retrainAfterReviews: 1000 });
  });

  afterAll(async () => {
    for (const host of hosts) host.kill("SIGKILL");
    await Promise.all(hosts.map((h) => h.exited()));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await database?.drop();
    await s3?.close();
    rmSync(root, { recursive: true, force: true });
  });

  // Results of one host alone (the training host), per fixture: what every other host must find.
  const reference = new Map<string, ReturnType<typeof resultOf>>();
  let modelVersion: number;

  it("trains a model on host A and records one host's results", async () => {
    const hostA = await startWorker("worker-a");
    await importLabeled(api, project, labeledFixtures());
    const run = await waitForRun(api, project, (await startTraining(api, project)).id);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.outcome?.extractor?.promoted).toBe(true);
    modelVersion = run.outcome!.extractor!.version;

    const files = [...TEXT, ...SCANS];
    const ids = await uploadCopies(files, "ref");
    await expect.poll(() => terminalCount(ids), { timeout: 180_000 }).toBe(ids.length);
    for (const [i, doc] of (await documents(ids)).entries())
      reference.set(files[i]!, resultOf(doc));
    // The model answers: some documents carry fields of the version trained above.
    const models = [...reference.values()].flatMap((r) => r.fields.map((f) => f.model));
    expect(models).toContain(modelVersion);

    hostA.kill("SIGTERM");
    expect(await hostA.exited()).toBe(0);
  });

  it("shares no file between hosts", async () => {
    const [b, c] = await Promise.all([startWorker("worker-b"), startWorker("worker-c")]);
    const dir = layout.dataDir;
    for (const host of [b, c]) {
      // Its own tmpfs over the data and temp folders, not the test's folder.
      const mounts = host.shell("cat /proc/self/mountinfo");
      expect(mounts).toContain(` ${dir} rw`);
      expect(mounts).toContain(` ${layout.tmpDir} rw`);
      expect(host.shell(`ls -A ${dir}`)).not.toContain("outside-marker");
    }
    b.shell(`echo b > ${dir}/written-by-b`);
    expect(b.shell(`ls -A ${dir}`)).toContain("written-by-b");
    expect(c.shell(`ls -A ${dir}`)).not.toContain("written-by-b");
    expect(readdirSync(dir)).toEqual(["outside-marker"]);
  });

  it("finishes every document exactly once, as one host would, when a worker host dies mid-load", async () => {
    // Scans spread among the PDFs: the load lasts long enough to be cut in the middle.
    const files = [...TEXT, ...TEXT, ...TEXT, ...TEXT].flatMap((f, i) =>
      i % 5 === 2 && SCANS[(i - 2) / 5] ? [SCANS[(i - 2) / 5]!, f] : [f],
    );
    expect(files).toHaveLength(24);
    const ids = await uploadCopies(files, "load");

    // Some done, not all: host C dies without warning, host D replaces it.
    await expect.poll(() => terminalCount(ids), { timeout: 180_000 }).toBeGreaterThan(0);
    const doneAtKill = await terminalCount(ids);
    const hostC = hosts.find((h) => h.name === "worker-c")!;
    hostC.kill("SIGKILL");
    await hostC.exited();
    expect(doneAtKill).toBeLessThan(ids.length);
    await startWorker("worker-d");

    await expect.poll(() => terminalCount(ids), { timeout: 180_000 }).toBe(ids.length);
    const done = await documents(ids);
    for (const [i, doc] of done.entries()) {
      expect({ file: files[i], ...resultOf(doc) }).toEqual({
        file: files[i],
        ...reference.get(files[i]!),
      });
    }

    // Exactly once: one final event per document, no document finalized twice.
    const events = await database.db
      .selectFrom("events")
      .select(["document_id", "type"])
      .where("document_id", "in", ids)
      .where("type", "in", [...FINAL_EVENTS, "document.needs_review"])
      .execute();
    for (const id of ids) {
      const types = events.filter((e) => e.document_id === id).map((e) => e.type);
      expect({ id, final: types.filter((t) => FINAL_EVENTS.includes(t)).length }).toEqual({
        id,
        final: 1,
      });
      expect(types.filter((t) => t === "document.needs_review").length).toBeLessThanOrEqual(1);
    }
    const rows = await database.db
      .selectFrom("documents")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    // The labeled imports, the reference copies and this load: nothing more.
    expect(Number(rows.n)).toBe(labeledFixtures().length + TEXT.length + SCANS.length + 24);
  });

  it("serves the model trained on host A from hosts that did not train it", async () => {
    // Host A is gone: B and D read and predict with the version A trained, loaded from S3.
    expect(hosts.find((h) => h.name === "worker-a")!.child.exitCode).toBe(0);
    // A document whose fields the model predicted (an e-invoice's come from its XML, no model).
    const withFields = [...reference].find(
      ([, r]) => r.fields.length > 0 && r.fields.every((f) => f.model === modelVersion),
    )![0];
    const [id] = await uploadCopies([withFields], "late");
    await expect.poll(() => terminalCount([id!]), { timeout: 120_000 }).toBe(1);
    const [doc] = await documents([id!]);
    expect(doc!.fields.length).toBeGreaterThan(0);
    expect(new Set(doc!.fields.map((f) => f.modelVersion))).toEqual(new Set([modelVersion]));
  });
});
