import { link, rename, stat, unlink } from "node:fs/promises";
import { extname, join } from "node:path";

/** The folders inside the consume folder where handled files go; never read as projects. */
export const DONE_FOLDER = "done";
export const FAILED_FOLDER = "failed";

/**
 * Files the consume folder leaves alone: dotfiles (`.DS_Store`, `.~lock…`, rsync's `.name.XXXX`),
 * partial downloads and editors' temporaries (`*.part`, `*.tmp`, `*.crdownload`, `~$name`).
 */
export function isIgnoredName(name: string): boolean {
  if (name.startsWith(".") || name.startsWith("~$")) return true;
  return /\.(part|tmp|crdownload)$/i.test(name);
}

/** `name` with a counter before its extension: `scan.pdf`, `scan-1.pdf`, `scan-2.pdf`, … */
export function suffixedName(name: string, n: number): string {
  if (n === 0) return name;
  const ext = extname(name);
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name;
  return `${stem}-${n}${ext === name ? "" : ext}`;
}

const LINK_UNSUPPORTED = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS"]);

/**
 * Move `source` into `folder` under `name`, or `name-1`, `name-2`, … when taken: never over an
 * existing file. A hard link claims the name atomically (it fails on a taken name), then the
 * source goes; where links are not supported, the first free name is renamed to. Answers the
 * name used.
 */
export async function moveWithoutOverwrite(
  source: string,
  folder: string,
  name: string,
): Promise<string> {
  for (let n = 0; ; n++) {
    const candidate = suffixedName(name, n);
    const target = join(folder, candidate);
    try {
      await link(source, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (code === "EEXIST") continue;
      if (!LINK_UNSUPPORTED.has(code)) throw error;
      if (await exists(target)) continue;
      await rename(source, target);
      return candidate;
    }
    await unlink(source);
    return candidate;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
