import { createHash } from "node:crypto";
import { constants, createReadStream } from "node:fs";
import { access, lstat, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ErrorCode, isPagewiseError, PagewiseError } from "@pagewise/core";
import { recordConsumedFile, recordConsumeScan } from "@pagewise/metrics";
import {
  checkUploadQuota,
  findDocumentBySha256,
  getProjectByName,
  type Project,
} from "@pagewise/storage";
import type { ApiDeps } from "../context";
import { receiveFileStream } from "../receive-multipart";
import { checkReadable, commitUploads } from "../upload-document";
import type { RedisLease } from "./consume-lock";
import { DONE_FOLDER, FAILED_FOLDER, isIgnoredName, moveWithoutOverwrite } from "./consume-names";
import type { ConsumeStatus } from "./consume-status";
import { type FileObservation, StabilityCheck } from "./stability";

export interface ConsumeOptions {
  /** The watched folder (PAGEWISE_CONSUME_DIR). */
  dir: string;
  /** The project of files put directly into `dir` (PAGEWISE_CONSUME_PROJECT). */
  defaultProject: string;
  /** Time between two scans (PAGEWISE_CONSUME_POLL_MS). */
  pollMs: number;
}

/** What the folder does with a file: its outcome, and the note written beside it. */
type Outcome =
  | { kind: "consumed"; project: string; documentId: string }
  | { kind: "duplicate"; project: string; documentId: string }
  | { kind: "failed"; folder: string; code: ErrorCode; message: string };

/**
 * Refusals that are about the file (or where it was put): retrying the same file can never
 * succeed, so it goes to `failed/` with its reason. Anything else (database or disk trouble) leaves
 * the file where it is, to be tried again at the next scan.
 */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "empty_file",
  "unsupported_type",
  "file_too_large",
  "not_found",
]);

/** The system actor of documents the consume folder uploads (events and the audit log). */
export const CONSUME_ACTOR = "system:consume-folder";

/**
 * The consume folder: files put into `<dir>/<project>/` (or into `<dir>` for the default project)
 * are uploaded exactly as `POST /v1/projects/{project}/documents` uploads them, once each, then
 * moved to `<dir>/done/<project>/` or, refused, to `<dir>/failed/<project>/` with a
 * `<name>.reason.json`. Only the process holding the Redis lease scans.
 */
export class FolderConsumer {
  private readonly stability = new StabilityCheck();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastProblem: string | null = null;
  private readonly state: ConsumeStatus = {
    ok: true,
    active: false,
    problem: null,
    lastScanAt: null,
    pending: 0,
    consumed: 0,
    duplicates: 0,
    failed: 0,
  };

  constructor(
    private readonly deps: Pick<ApiDeps, "db" | "blobs" | "producer" | "logger" | "limits">,
    private readonly lease: RedisLease,
    private readonly options: ConsumeOptions,
  ) {}

  status(): ConsumeStatus {
    return { ...this.state };
  }

  /** Scan now and then every `pollMs` until `stop`. */
  start(): void {
    const loop = async () => {
      this.running = this.tick();
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
    };
    void loop();
  }

  /** Finish the file at hand, stop scanning and give the lease back. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (this.state.active) await this.lease.release().catch(() => {});
    this.state.active = false;
  }

  /** One round: check the folder, hold the lease, scan, handle the files that stopped changing. */
  async tick(): Promise<void> {
    try {
      const problem = await this.checkFolder();
      this.reportProblem(problem);
      if (problem) return;
      this.state.active = await this.lease.hold().catch((error: unknown) => {
        this.deps.logger.warn({ err: String(error) }, "consume folder: lease not renewed");
        return false;
      });
      if (!this.state.active) return;
      const seen = await this.scan();
      const stable = this.stability.observe(seen);
      let handled = 0;
      for (const path of stable) {
        // The lease may have been lost in the meantime: only its holder moves files.
        if (this.stopped || !(await this.lease.hold().catch(() => false))) {
          this.state.active = false;
          break;
        }
        if (await this.handle(path)) handled++;
      }
      this.state.pending = seen.size - handled;
      const at = new Date();
      this.state.lastScanAt = at.toISOString();
      recordConsumeScan(this.state.pending, at);
    } catch (error) {
      this.deps.logger.error({ err: String(error) }, "consume folder: scan failed");
    }
  }

  /** Null when the folder can be consumed, else why not (one clear line, logged once). */
  private async checkFolder(): Promise<string | null> {
    const { dir } = this.options;
    try {
      const info = await lstat(dir);
      if (!info.isDirectory()) return `PAGEWISE_CONSUME_DIR ${dir} is not a folder`;
    } catch {
      return `PAGEWISE_CONSUME_DIR ${dir} does not exist`;
    }
    try {
      await access(dir, constants.R_OK | constants.W_OK | constants.X_OK);
      await mkdir(join(dir, DONE_FOLDER), { recursive: true });
      await mkdir(join(dir, FAILED_FOLDER), { recursive: true });
      await access(join(dir, DONE_FOLDER), constants.W_OK);
      await access(join(dir, FAILED_FOLDER), constants.W_OK);
    } catch {
      return `PAGEWISE_CONSUME_DIR ${dir} is not readable and writable (files could not be moved to done/ or failed/)`;
    }
    return null;
  }

  private reportProblem(problem: string | null): void {
    if (problem !== this.lastProblem) {
      if (problem) this.deps.logger.error(`consume folder: ${problem}; nothing is consumed`);
      else if (this.lastProblem) this.deps.logger.info("consume folder: usable again");
      this.lastProblem = problem;
    }
    this.state.ok = problem === null;
    this.state.problem = problem;
    if (problem) this.state.active = false;
  }

  /**
   * Every regular file waiting: `<dir>/<name>` and `<dir>/<project>/<name>`, without done/,
   * failed/, ignored names, deeper folders and symbolic links. Keys are paths relative to `dir`.
   */
  private async scan(): Promise<Map<string, FileObservation>> {
    const { dir } = this.options;
    const found = new Map<string, FileObservation>();
    const look = async (relative: string) => {
      const info = await lstat(join(dir, relative)).catch(() => null);
      if (info?.isFile()) found.set(relative, { size: info.size, mtimeMs: info.mtimeMs });
    };
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (isIgnoredName(entry.name)) continue;
      if (entry.isFile()) await look(entry.name);
      if (!entry.isDirectory() || entry.name === DONE_FOLDER || entry.name === FAILED_FOLDER) {
        continue;
      }
      const inner = await readdir(join(dir, entry.name), { withFileTypes: true }).catch(() => []);
      for (const file of inner) {
        if (file.isFile() && !isIgnoredName(file.name)) await look(join(entry.name, file.name));
      }
    }
    return found;
  }

  /** Upload one stable file and move it; false when it stays for the next scan. */
  private async handle(relative: string): Promise<boolean> {
    const parts = relative.split("/");
    const name = parts.at(-1) as string;
    const folder = parts.length > 1 ? (parts[0] as string) : this.options.defaultProject;
    const source = join(this.options.dir, relative);
    let outcome: Outcome;
    try {
      outcome = await this.ingest(source, name, folder);
    } catch (error) {
      if (isPagewiseError(error) && PERMANENT.has(error.code)) {
        outcome = { kind: "failed", folder, code: error.code, message: error.message };
      } else if (isPagewiseError(error) && error.code === "quota_exceeded") {
        // Not the file's fault, and it ends: the file stays for a scan after the window frees.
        this.deps.logger.debug(
          { file: relative, details: error.details },
          "consume folder: project over its quota; the file waits",
        );
        return false;
      } else {
        this.deps.logger.warn(
          { err: String(error), file: relative },
          "consume folder: not consumed now; tried again at the next scan",
        );
        return false;
      }
    }
    try {
      await this.settle(source, name, relative, outcome);
    } catch (error) {
      // Uploaded but not moved: the next scan finds its bytes already a document (duplicate).
      this.deps.logger.error({ err: String(error), file: relative }, "consume folder: move failed");
      return false;
    }
    this.stability.forget(relative);
    return true;
  }

  private async ingest(source: string, name: string, folder: string): Promise<Outcome> {
    const project = await getProjectByName(this.deps.db, folder);
    if (!project) {
      throw new PagewiseError(
        "not_found",
        `No project '${folder}': create it, or put the file into the folder of an existing project.`,
      );
    }
    // Once per content: a file whose bytes are a document of the project already (dropped twice,
    // uploaded by hand, or ingested before a crash kept it from being moved) is not uploaded again.
    const existing = await findDocumentBySha256(this.deps.db, project.id, await sha256Of(source));
    if (existing) return { kind: "duplicate", project: project.name, documentId: existing.id };
    // Over a quota the file waits where it is (not streamed in to be refused at every scan);
    // commitUploads judges again, under the lock, and may refuse it all the same.
    await checkUploadQuota(this.deps.db, project.id, project.settings.quotas, 1);
    const [upload] = await this.upload(project, source, name);
    if (!upload) throw new Error("the upload recorded no document");
    return {
      kind: upload.created ? "consumed" : "duplicate",
      project: project.name,
      documentId: upload.document.id,
    };
  }

  /** The documents route's own path: streamed to the blob store, judged by its bytes, recorded. */
  private async upload(project: Project, source: string, name: string) {
    const received = await receiveFileStream(this.deps.blobs, name, createReadStream(source), {
      maxFileBytes: this.deps.limits.maxFileBytes,
    });
    try {
      checkReadable(received.files);
      return await commitUploads(this.deps, received, {
        projectId: project.id,
        actor: CONSUME_ACTOR,
        quotas: project.settings.quotas,
        // Two processes racing on one file (a lease lost mid-file) still make one document.
        idempotencyKey: (file) => `consume:${file.sha256}`,
        audit: (doc) => ({
          projectId: project.id,
          actor: { kind: "system", id: null, name: "consume-folder" },
          action: "document.uploaded",
          target: { type: "document", id: doc.id },
          details: { sizeBytes: doc.sizeBytes, sha256: doc.sha256, source: "consume-folder" },
        }),
      });
    } catch (error) {
      await received.discard();
      throw error;
    }
  }

  /** Move the file to done/ or failed/ (never over another) and write its note; count it. */
  private async settle(
    source: string,
    name: string,
    relative: string,
    outcome: Outcome,
  ): Promise<void> {
    const { dir } = this.options;
    if (outcome.kind === "failed") {
      const target = join(dir, FAILED_FOLDER, outcome.folder);
      await mkdir(target, { recursive: true });
      const moved = await moveWithoutOverwrite(source, target, name);
      await writeNote(join(target, `${moved}.reason.json`), {
        file: relative,
        code: outcome.code,
        message: outcome.message,
        at: new Date().toISOString(),
      });
      this.state.failed++;
      recordConsumedFile("failed");
      this.deps.logger.warn({ file: relative, code: outcome.code }, "consume folder: refused");
      return;
    }
    const target = join(dir, DONE_FOLDER, outcome.project);
    await mkdir(target, { recursive: true });
    const moved = await moveWithoutOverwrite(source, target, name);
    if (outcome.kind === "duplicate") {
      await writeNote(join(target, `${moved}.duplicate.json`), {
        file: relative,
        project: outcome.project,
        documentId: outcome.documentId,
        message: `Already a document of project '${outcome.project}' (${outcome.documentId}); not ingested again.`,
        at: new Date().toISOString(),
      });
      this.state.duplicates++;
      recordConsumedFile("duplicate");
    } else {
      this.state.consumed++;
      recordConsumedFile("consumed");
    }
    this.deps.logger.info(
      { file: relative, documentId: outcome.documentId, outcome: outcome.kind },
      "consume folder: file handled",
    );
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function writeNote(path: string, note: Record<string, unknown>): Promise<void> {
  await writeFile(path, `${JSON.stringify(note, null, 2)}\n`);
}
