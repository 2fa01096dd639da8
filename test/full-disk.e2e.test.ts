import { execFileSync } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { statfs } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobKeysOnDisk } from "./support/blobs";
import { upload } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

const INVOICE = join(ROOT, "test/fixtures/invoice2data/files/AmazonWebServices.pdf");
const OTHER = join(ROOT, "test/fixtures/invoice2data/files/FlipkartInvoice.pdf");

/** A small tmpfs as the data folder: a real file system that fills up (needs root to mount). */
function mountSmallDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), "pagewise-full-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

/** Write zeros until the file system refuses; returns the filler's path. */
function fill(dir: string): string {
  const path = join(dir, "filler");
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
  return path;
}

async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

const disk = mountSmallDisk();

// Skips only where a tmpfs cannot be mounted (not root): the behaviour needs a real full disk.
describe.skipIf(!disk)("a full disk (skipped when a tmpfs cannot be mounted)", () => {
  const dataDir = disk!;
  const platform = new Platform({
    startWorker: false,
    apiEnv: {
      // The data folder and the SQLite database both on the small disk, as in a default install.
      PAGEWISE_DATA_DIR: dataDir,
      DATABASE_URL: join(dataDir, "pagewise.sqlite"),
      PAGEWISE_MIN_FREE_DISK_BYTES: "2000000",
      PAGEWISE_DISK_RESERVE_BYTES: "2000000",
    },
  });
  const documents = "/v1/projects/default/documents";
  beforeAll(() => platform.start());
  afterAll(async () => {
    await platform.stop();
    execFileSync("umount", [dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function ready() {
    const res = await platform.request("/readyz");
    return {
      http: res.status,
      ...((await res.json()) as { status: string; disk?: { ok: boolean; freeBytes: number } }),
    };
  }

  it("refuses uploads with 507, keeps reads and deletes working, and leaves no temp file", async () => {
    const [kept] = await upload(platform, [INVOICE]);
    expect((await ready()).status).toBe("ready");
    fill(dataDir);

    const low = await ready();
    expect(low).toMatchObject({ http: 200, status: "degraded", disk: { ok: false } });

    const blobsBefore = blobKeysOnDisk({ dataDir } as Platform);
    const form = new FormData();
    // A PDF not stored yet (new bytes), larger than what is left.
    const bytes = Buffer.concat([readFileSync(OTHER), Buffer.from(`\n%${"x".repeat(300_000)}\n`)]);
    form.append("file", new File([bytes], "big.pdf"));
    const refused = await platform.request(documents, { method: "POST", body: form });
    expect(refused.status).toBe(507);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "insufficient_storage",
    );
    const list = (await (await platform.request(documents)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
    expect(blobKeysOnDisk({ dataDir } as Platform)).toEqual(blobsBefore);
    expect(readdirSync(join(dataDir, "blobs", "tmp"))).toEqual([]);

    // Reads work; deleting works and gives the space back.
    expect((await platform.request(`${documents}/${kept}`)).status).toBe(200);
    const before = await freeBytes(dataDir);
    expect((await platform.request(`${documents}/${kept}`, { method: "DELETE" })).status).toBe(204);
    expect(await freeBytes(dataDir)).toBeGreaterThan(before);
    expect(blobKeysOnDisk({ dataDir } as Platform)).toEqual([]);

    // Once there is room again, uploads are taken.
    rmSync(join(dataDir, "filler"));
    expect((await ready()).status).toBe("ready");
    expect(await upload(platform, [OTHER])).toHaveLength(1);
  });
});
