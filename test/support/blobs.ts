import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Platform } from "./platform";

/** Every blob key in the platform's blob folder (`<data>/blobs/ab/cd/<sha256>`), by walking it. */
export function blobKeysOnDisk(platform: Platform): string[] {
  const root = join(platform.dataDir, "blobs");
  const keys: string[] = [];
  const walk = (dir: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no blob folder yet
    }
    for (const entry of entries) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/^[0-9a-f]{64}$/.test(entry.name)) keys.push(entry.name);
    }
  };
  walk(root);
  return keys;
}

export function sha256OfFile(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** The page's image key as stored by the worker (no API call: that would render on demand). */
export async function pageImageKey(
  platform: Platform,
  documentId: string,
  pageIndex = 0,
): Promise<string | null> {
  const row = await platform.db
    .selectFrom("pages")
    .select("image_key")
    .where("document_id", "=", documentId)
    .where("page_index", "=", pageIndex)
    .executeTakeFirst();
  return row?.image_key ?? null;
}
