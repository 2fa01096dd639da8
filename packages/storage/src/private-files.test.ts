import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "./create-database";
import { ensureWritableDir, storageLocations } from "./data-dir";
import { LocalBlobStore } from "./local-blob-store";
import { migrateToLatest } from "./migrate";

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `root`, with its path. */
function walk(root: string): { path: string; dir: boolean }[] {
  const out: { path: string; dir: boolean }[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    const dir = statSync(path).isDirectory();
    out.push({ path, dir });
    if (dir) out.push(...walk(path));
  }
  return out;
}

describe("file modes of the data folder", () => {
  let parent: string;
  let previousUmask: number;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), "pagewise-modes-"));
    // The most permissive umask: every mode below must come from Pagewise, not from the umask.
    previousUmask = process.umask(0);
  });
  afterAll(() => {
    process.umask(previousUmask);
    rmSync(parent, { recursive: true, force: true });
  });

  it("creates folders 0700 and blobs, the SQLite database and its WAL 0600 under umask 0000", async () => {
    const locations = storageLocations(join(parent, "data"));
    ensureWritableDir(locations.blobDir);
    const handle = createDatabase({ url: locations.databaseUrl });
    await migrateToLatest(handle.db);
    const blobs = new LocalBlobStore(locations.blobDir);
    await blobs.put(new TextEncoder().encode("%PDF-1.4 private"));

    const entries = walk(join(parent, "data"));
    expect(entries.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        locations.databaseUrl,
        `${locations.databaseUrl}-wal`,
        join(locations.blobDir, "tmp"),
      ]),
    );
    expect(entries.filter((e) => !e.dir).length).toBeGreaterThanOrEqual(4);
    expect(modeOf(join(parent, "data"))).toBe(0o700);
    for (const e of entries)
      expect([e.path, modeOf(e.path)]).toEqual([e.path, e.dir ? 0o700 : 0o600]);
    await handle.close();
  });

  it("tightens an existing database and blob folder of this user, not a folder it did not create", async () => {
    const dir = join(parent, "old");
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const url = join(dir, "pagewise.sqlite");
    const first = createDatabase({ url });
    await migrateToLatest(first.db);
    await first.close();
    chmodSync(url, 0o644);
    writeFileSync(join(dir, "unrelated.txt"), "left alone");
    chmodSync(join(dir, "unrelated.txt"), 0o644);
    mkdirSync(join(dir, "blobs"), { mode: 0o755 });
    chmodSync(join(dir, "blobs"), 0o755);
    const again = createDatabase({ url });
    await migrateToLatest(again.db);
    ensureWritableDir(join(dir, "blobs"));
    // The operator's folder keeps its mode (it may be /var/lib); Pagewise's own files do not.
    expect(modeOf(dir)).toBe(0o755);
    expect(modeOf(join(dir, "blobs"))).toBe(0o700);
    expect(modeOf(url)).toBe(0o600);
    expect(modeOf(join(dir, "unrelated.txt"))).toBe(0o644);
    await again.close();
  });
});
