import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The TCP peer of a request served by @hono/node-server; undefined when unknown (a test's
 * `app.request()` without bindings), which every caller must treat as "not local".
 */
export function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
