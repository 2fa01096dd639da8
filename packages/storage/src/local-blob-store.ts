import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BLOB_KEY_PATTERN, type BlobStore } from "./blob-store";

/**
 * Content-addressed blobs in a folder: `<root>/ab/cd/<sha256>`. Writes go to a temp file in the
 * same file system and are renamed into place, so a reader never sees a partial blob, and two
 * writers of the same content both succeed.
 */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(bytes: Uint8Array): Promise<{ key: string; size: number }> {
    const key = createHash("sha256").update(bytes).digest("hex");
    const target = this.pathOf(key);
    if (!(await this.has(key))) {
      const tmpDir = join(this.root, "tmp");
      await mkdir(tmpDir, { recursive: true });
      await mkdir(join(target, ".."), { recursive: true });
      const tmp = join(tmpDir, `${key}.${randomBytes(6).toString("hex")}`);
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    }
    return { key, size: bytes.byteLength };
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

  private pathOf(key: string): string {
    if (!BLOB_KEY_PATTERN.test(key)) throw new Error(`Invalid blob key: ${key}`);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}
