import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Layout, LayoutSchema } from "@pagewise/core";

// Part of the key: bump when reading changes enough that cached layouts must be re-read.
const CACHE_VERSION = "v1";

/**
 * Reading results on disk, keyed by the sha256 of the file's bytes, so a second training run
 * does not OCR again. Writes are atomic (temp file + rename); a corrupt entry reads as a miss.
 */
export class LayoutCache {
  constructor(readonly dir: string) {}

  static key(bytes: Uint8Array): string {
    return createHash("sha256").update(bytes).digest("hex");
  }

  private path(key: string): string {
    return join(this.dir, `${key}.${CACHE_VERSION}.json`);
  }

  async get(key: string): Promise<Layout | undefined> {
    try {
      return LayoutSchema.parse(JSON.parse(await readFile(this.path(key), "utf8")));
    } catch {
      return undefined;
    }
  }

  async set(key: string, layout: Layout): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.path(key)}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(layout));
    await rename(tmp, this.path(key));
  }
}
