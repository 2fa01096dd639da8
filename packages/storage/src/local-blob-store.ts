import { createHash, randomBytes } from "node:crypto";
import {
  chmod,
  type FileHandle,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from "node:fs/promises";
import { dirname, join } from "node:path";
import { PagewiseError } from "@pagewise/core";
import {
  BLOB_KEY_PATTERN,
  type BlobStore,
  type KeyedBlobStore,
  type ListedBlob,
  type PutStreamOptions,
  type StoredBlob,
  type StreamEncoding,
} from "./blob-store";
import { diskFullError, isDiskFullError } from "./disk-full";
import { mkdirPrivate, PRIVATE_FILE_MODE } from "./private-files";

/** Temp files older than this are leftovers of interrupted writes (a write takes seconds). */
export const TEMP_FILE_MAX_AGE_MS = 10 * 60_000;

/**
 * A stream is held in memory up to this many bytes before it goes to a temp file: small blobs
 * cost no temp file until they are committed (and none at all when they are refused).
 */
const STREAM_MEMORY_BYTES = 256 * 1024;

/**
 * Content-addressed blobs in a folder: `<root>/ab/cd/<sha256>`. Writes go to a temp file in the
 * same file system and are renamed into place, so a reader never sees a partial blob, and two
 * writers of the same content both succeed. A write that fails removes its temp file; a full disk
 * fails as `insufficient_storage`.
 */
export class LocalBlobStore implements BlobStore, KeyedBlobStore {
  /**
   * Folders known to exist (the temp folder, the `ab/cd` key folders; at most 65,537): each is
   * made once, not at every write (two `mkdir -p` per write were most of an upload's file work).
   * A folder removed behind the store's back fails a write with ENOENT, which forgets them all
   * and tries once more.
   */
  private readonly folders = new Set<string>();

  constructor(private readonly root: string) {}

  private async ensureFolder(dir: string): Promise<void> {
    if (this.folders.has(dir)) return;
    await mkdirPrivate(dir);
    this.folders.add(dir);
  }

  /** Run `work`; when a folder it needs has vanished (ENOENT), make the folders again and retry. */
  private async inFolders<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || this.folders.size === 0)
        throw error;
      this.folders.clear();
      return work();
    }
  }

  private get tmpDir(): string {
    return join(this.root, "tmp");
  }

  async put(bytes: Uint8Array): Promise<{ key: string; size: number }> {
    const key = createHash("sha256").update(bytes).digest("hex");
    // Bytes already stored count as written now: the orphan sweep's grace period then covers
    // the upload that is about to commit a row for them.
    if (!(await this.touch(key))) await this.write(key, bytes);
    return { key, size: bytes.byteLength };
  }

  async putAs(key: string, bytes: Uint8Array, options: { replace?: boolean } = {}): Promise<void> {
    if (options.replace || !(await this.touch(key))) await this.write(key, bytes);
  }

  /** Every blob key in the folder (for key rotation; temp files are skipped). */
  async *listKeys(): AsyncGenerator<string> {
    for await (const blob of this.list()) yield blob.key;
  }

  /** Mark stored bytes as just written; false when there are none under `key`. */
  private async touch(key: string): Promise<boolean> {
    const now = new Date();
    return utimes(this.pathOf(key), now, now).then(
      () => true,
      () => false,
    );
  }

  /** Write bytes under `key` through a temp file (replacing what is there). */
  private async write(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const tmp = join(this.tmpDir, `${key}.${randomBytes(6).toString("hex")}`);
    try {
      await this.inFolders(async () => {
        await this.ensureFolder(this.tmpDir);
        await this.ensureFolder(dirname(target));
        await writeFile(tmp, bytes, { mode: PRIVATE_FILE_MODE });
        await chmod(tmp, PRIVATE_FILE_MODE); // whatever the umask
        await rename(tmp, target);
      });
    } catch (error) {
      // A partial temp file would stay forever and keep the disk full.
      await rm(tmp, { force: true }).catch(() => {});
      if (isDiskFullError(error)) throw diskFullError();
      throw error;
    }
  }

  async putStream(
    source: AsyncIterable<Uint8Array>,
    options: PutStreamOptions & { encoding?: StreamEncoding } = {},
  ): Promise<StoredBlob> {
    const encoding = options.encoding;
    const encode = (chunk: Uint8Array) => (encoding ? encoding.encode(chunk) : chunk);
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const hash = createHash("sha256");
    let held: Uint8Array[] = [];
    let size = 0;
    let tmp: string | undefined;
    let file: FileHandle | undefined;
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          throw new PagewiseError("file_too_large", `More than ${maxBytes} bytes`, { maxBytes });
        }
        hash.update(chunk);
        if (file) {
          await file.write(encode(chunk));
          continue;
        }
        held.push(encode(chunk));
        if (size > STREAM_MEMORY_BYTES) {
          const path = join(this.tmpDir, `stream.${randomBytes(6).toString("hex")}`);
          tmp = path;
          file = await this.inFolders(async () => {
            await this.ensureFolder(this.tmpDir);
            return open(path, "wx", PRIVATE_FILE_MODE);
          });
          await file.chmod(PRIVATE_FILE_MODE); // whatever the umask
          // The encoding's header needs the key: its place is kept, and filled in at the end.
          if (encoding) await file.write(Buffer.alloc(encoding.headerBytes));
          for (const part of held) await file.write(part);
          held = [];
        }
      }
      const blob = { key: hash.digest("hex"), size };
      const framing = encoding?.finish(blob.key);
      if (file) {
        if (framing) {
          await file.write(framing.trailer);
          await file.write(framing.header, 0, framing.header.byteLength, 0);
        }
        await file.close();
        file = undefined;
      } else if (framing) {
        held = [framing.header, ...held, framing.trailer];
      }
      await options.beforeCommit?.(blob);
      const target = this.pathOf(blob.key);
      if (tmp) {
        const from = tmp;
        // Replaces a copy that may be there: same content, and made visible after the row.
        await this.inFolders(async () => {
          await this.ensureFolder(dirname(target));
          await rename(from, target);
        });
        tmp = undefined;
      } else {
        await this.write(blob.key, Buffer.concat(held));
      }
      return blob;
    } catch (error) {
      await file?.close().catch(() => {});
      if (tmp) await rm(tmp, { force: true }).catch(() => {});
      if (isDiskFullError(error)) throw diskFullError();
      throw error;
    }
  }

  /**
   * Remove temp files left by writes that never finished (a crash, a kill). At start, only those
   * older than `olderThanMs`: another process may be writing one right now.
   */
  async cleanTemp(olderThanMs: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch {
      return 0;
    }
    const before = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of names) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (!info || info.mtimeMs > before) continue;
      await rm(path, { force: true });
      removed++;
    }
    return removed;
  }

  async get(key: string): Promise<Uint8Array<ArrayBuffer> | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<ListedBlob> {
    const names = (dir: string) => readdir(dir).catch(() => [] as string[]);
    const twoHex = /^[0-9a-f]{2}$/;
    for (const a of (await names(this.root)).filter((n) => twoHex.test(n))) {
      for (const b of (await names(join(this.root, a))).filter((n) => twoHex.test(n))) {
        for (const key of await names(join(this.root, a, b))) {
          if (!BLOB_KEY_PATTERN.test(key) || !key.startsWith(a + b)) continue;
          const info = await stat(join(this.root, a, b, key)).catch(() => null);
          if (info?.isFile()) yield { key, size: info.size, modifiedAt: info.mtime };
        }
      }
    }
  }

  private pathOf(key: string): string {
    if (!BLOB_KEY_PATTERN.test(key)) throw new Error(`Invalid blob key: ${key}`);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}
