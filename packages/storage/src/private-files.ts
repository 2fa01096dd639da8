import { chmodSync, mkdirSync, statSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * Documents are private: every folder Pagewise creates for them is 0700 and every file 0600
 * (blobs, the SQLite database and its WAL, key files). Modes are set explicitly after creation,
 * so a permissive umask (0000, 0002) cannot widen them.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The folders `mkdir -p dir` created, given the first one it reports (outermost first). */
function createdChain(dir: string, first: string | undefined): string[] {
  if (!first) return [];
  const chain: string[] = [];
  const top = resolve(first);
  for (let d = resolve(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (d === top || dirname(d) === d) break;
  }
  return chain;
}

/** `mkdir -p` whose new folders are 0700 whatever the umask. */
export async function mkdirPrivate(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const d of createdChain(dir, first)) await chmod(d, PRIVATE_DIR_MODE);
}

/**
 * `mkdir -p` whose new folders are 0700. `tightenExisting`: `dir` itself is made 0700 too when it
 * already existed and this user owns it — only for a folder that is Pagewise's own (the blob
 * folder), never for one an operator named (a data folder like `/var/lib` must keep its mode).
 */
export function ensurePrivateDirSync(dir: string, options: { tightenExisting: boolean }): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const d of createdChain(dir, first)) chmodSync(d, PRIVATE_DIR_MODE);
  if (options.tightenExisting) restrictOwnedSync(dir, PRIVATE_DIR_MODE);
}

/** Tighten an existing file or folder this user owns to `mode`; a missing one is skipped. */
export function restrictOwnedSync(path: string, mode: number = PRIVATE_FILE_MODE): void {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(path);
  } catch {
    return;
  }
  if ((info.mode & 0o777) === mode) return;
  if (process.getuid && info.uid !== process.getuid()) return;
  chmodSync(path, mode);
}
