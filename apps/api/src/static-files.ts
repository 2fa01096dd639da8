import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/**
 * Serve a file from `root` without ever leaving it (`..` and absolute paths are refused).
 * Returns null when there is no such file so the caller can fall back.
 */
export async function serveFileFrom(
  c: Context,
  root: string,
  relativePath: string,
  cacheControl: string,
): Promise<Response | null> {
  const base = resolve(root);
  const path = resolve(join(base, normalize(relativePath)));
  if (path !== base && !path.startsWith(base + sep)) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
  } catch {
    return null;
  }
  const body = await readFile(path);
  return c.body(body, 200, {
    "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
    "Cache-Control": cacheControl,
  });
}
