import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookPayload, verifyWebhookSignature } from "./webhooks";

const SECRET = "whsec_test_4f1c";
const BODY = '{"type":"document.processed","data":{"id":"doc_1","status":"processed"}}';
const T = 1_800_000_000;

/** The header as the server builds it, with node:crypto (an implementation independent of ours). */
function serverHeader(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

describe("verifyWebhookSignature", () => {
  it("accepts the header the server computes with node:crypto, as string or bytes", async () => {
    const header = serverHeader(SECRET, BODY, T);
    expect(await verifyWebhookSignature(SECRET, header, BODY, { now: T })).toBe(true);
    const bytes = new TextEncoder().encode(BODY);
    expect(await verifyWebhookSignature(SECRET, header, bytes, { now: T + 10 })).toBe(true);
    expect(await verifyWebhookSignature(SECRET, header, bytes.buffer, { now: T - 10 })).toBe(true);
  });

  it("signs exactly as the server does", async () => {
    expect(await signWebhookPayload(SECRET, BODY, T)).toBe(serverHeader(SECRET, BODY, T));
  });

  it("refuses another secret, a changed body and a changed timestamp", async () => {
    const header = serverHeader(SECRET, BODY, T);
    expect(await verifyWebhookSignature("whsec_other", header, BODY, { now: T })).toBe(false);
    expect(await verifyWebhookSignature(SECRET, header, `${BODY} `, { now: T })).toBe(false);
    const shifted = header.replace(`t=${T}`, `t=${T + 1}`);
    expect(await verifyWebhookSignature(SECRET, shifted, BODY, { now: T })).toBe(false);
  });

  it("refuses a delivery outside the tolerance (a replay), in either direction", async () => {
    const header = serverHeader(SECRET, BODY, T);
    expect(await verifyWebhookSignature(SECRET, header, BODY, { now: T + 301 })).toBe(false);
    expect(await verifyWebhookSignature(SECRET, header, BODY, { now: T - 301 })).toBe(false);
    expect(await verifyWebhookSignature(SECRET, header, BODY, { now: T + 300 })).toBe(true);
    expect(
      await verifyWebhookSignature(SECRET, header, BODY, {
        now: T + 3_600,
        toleranceSeconds: 3_600,
      }),
    ).toBe(true);
  });

  it("accepts any of several v1 signatures (a secret being rotated)", async () => {
    const old = serverHeader("whsec_old", BODY, T).split(",")[1];
    const header = `${serverHeader(SECRET, BODY, T)},${old}`;
    expect(await verifyWebhookSignature("whsec_old", header, BODY, { now: T })).toBe(true);
    expect(await verifyWebhookSignature(SECRET, header, BODY, { now: T })).toBe(true);
  });

  it("answers false, never throws, for a missing or malformed header", async () => {
    for (const header of [
      undefined,
      null,
      "",
      "garbage",
      `t=${T}`,
      "v1=abc",
      `t=abc,v1=${"0".repeat(64)}`,
      `t=${T},v1=${"z".repeat(64)}`,
      `t=${T},v0=${"0".repeat(64)}`,
    ]) {
      expect(await verifyWebhookSignature(SECRET, header, BODY, { now: T })).toBe(false);
    }
    expect(await verifyWebhookSignature("", serverHeader("", BODY, T), BODY, { now: T })).toBe(
      false,
    );
  });
});
