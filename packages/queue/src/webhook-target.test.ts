import { describe, expect, it } from "vitest";
import { checkWebhookUrl, guardedLookup, isPrivateAddress } from "./webhook-target";

describe("webhook targets", () => {
  it("calls loopback, private, link-local, multicast and mapped addresses private", () => {
    for (const address of [
      "127.0.0.1",
      "127.10.0.3",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::10.0.0.1",
      "not-an-address",
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("calls public addresses public", () => {
    for (const address of [
      "8.8.8.8",
      "1.1.1.1",
      "172.32.0.1",
      "2606:4700::1111",
      "::ffff:8.8.8.8",
    ]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it("refuses other schemes, credentials and private literals with webhook_url_not_allowed", async () => {
    for (const url of [
      "ftp://example.com/hook",
      "file:///etc/passwd",
      "not a url",
      "http://user:pw@8.8.8.8/hook",
      "http://127.0.0.1:8080/hook",
      "http://[::1]/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::ffff:7f00:1]/hook",
    ]) {
      await expect(checkWebhookUrl(url, { allowPrivate: false }), url).rejects.toMatchObject({
        code: "webhook_url_not_allowed",
      });
    }
  });

  it("resolves a name and refuses it when it points at loopback", async () => {
    await expect(
      checkWebhookUrl("http://localhost:9/hook", { allowPrivate: false }),
    ).rejects.toMatchObject({ code: "webhook_url_not_allowed" });
  });

  it("allows a public literal, and private ones only when told to", async () => {
    expect((await checkWebhookUrl("https://8.8.8.8/hook", { allowPrivate: false })).host).toBe(
      "8.8.8.8",
    );
    expect((await checkWebhookUrl("http://127.0.0.1:8080/hook", { allowPrivate: true })).port).toBe(
      "8080",
    );
    await expect(
      checkWebhookUrl("gopher://127.0.0.1/", { allowPrivate: true }),
    ).rejects.toMatchObject({ code: "webhook_url_not_allowed" });
  });

  it("fails a connection's lookup of a name that resolves to loopback", async () => {
    const look = (allow: boolean) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        guardedLookup(allow)("localhost", {}, (err, address) => resolve({ err, address })),
      );
    const refused = await look(false);
    expect(refused.err?.code).toBe("WEBHOOK_URL_NOT_ALLOWED");
    const allowed = await look(true);
    expect(allowed.err).toBeNull();
    expect(isPrivateAddress(String(allowed.address))).toBe(true);
  });
});
