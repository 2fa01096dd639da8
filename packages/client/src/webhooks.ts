/**
 * Webhook signatures: Pagewise signs each delivery with the endpoint's secret in the header
 * `Pagewise-Signature: t=<unix seconds>,v1=<hex>`, where v1 = HMAC-SHA256(secret, `${t}.${body}`)
 * over the raw request body. Web Crypto only, so this runs in Node 20+, browsers, Deno and workers.
 */

export const SIGNATURE_HEADER = "Pagewise-Signature";

export interface VerifyOptions {
  /** How old (or how far in the future) `t` may be, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The current time in Unix seconds (default: now), for tests and replays. */
  now?: number;
}

const encoder = new TextEncoder();

function bytesOf(body: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof body === "string") return encoder.encode(body);
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

async function hmacHex(secret: string, t: string, body: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const prefix = encoder.encode(`${t}.`);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix);
  message.set(body, prefix.length);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compare two strings in time independent of where they differ. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The `Pagewise-Signature` header value for a body: what the platform sends (for tests of your
 * webhook handler).
 */
export async function signWebhookPayload(
  secret: string,
  rawBody: string | Uint8Array | ArrayBuffer,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const t = String(Math.floor(timestamp));
  return `t=${t},v1=${await hmacHex(secret, t, bytesOf(rawBody))}`;
}

/**
 * True when `header` is a valid `Pagewise-Signature` of `rawBody` (the bytes as received, before
 * any JSON parsing) made with `secret`, and its timestamp is within `toleranceSeconds` of now
 * (which stops replays of an old delivery). Any `v1` entry may match (several are sent while a
 * secret is rotated). Never throws for a malformed header: it is simply not valid.
 *
 * @example
 * const ok = await verifyWebhookSignature(secret, req.headers["pagewise-signature"], rawBody);
 * if (!ok) return res.status(400).end();
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Uint8Array | ArrayBuffer,
  options: VerifyOptions = {},
): Promise<boolean> {
  if (!header || !secret) return false;
  let t: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === "t") t = value;
    else if (name === "v1" && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (!t || !/^\d+$/.test(t) || signatures.length === 0) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(t)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = await hmacHex(secret, t, bytesOf(rawBody));
  let valid = false;
  for (const signature of signatures) valid = constantTimeEqual(expected, signature) || valid;
  return valid;
}
