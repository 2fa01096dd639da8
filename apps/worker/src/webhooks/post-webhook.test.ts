import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "./post-webhook";

describe("posting to a webhook", () => {
  let server: Server;
  let port: number;
  const seen: { path: string; body: string; signature: string | undefined }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        seen.push({
          path,
          body: Buffer.concat(chunks).toString(),
          signature: req.headers["pagewise-signature"] as string | undefined,
        });
        if (path === "/hang") return; // never answers
        if (path === "/redirect") {
          res.writeHead(302, { Location: "http://169.254.169.254/" }).end();
          return;
        }
        res.writeHead(path === "/fail" ? 500 : 200).end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (url: string, allowPrivate = true, timeoutMs = 5_000) =>
    postWebhook(url, '{"a":1}', { "Pagewise-Signature": "t=1,v1=x" }, { timeoutMs, allowPrivate });

  it("sends the body and headers, and reads a 2xx as success", async () => {
    const result = await post(`http://127.0.0.1:${port}/ok`);
    expect(result).toMatchObject({ status: 200, error: null });
    expect(seen.find((s) => s.path === "/ok")).toEqual({
      path: "/ok",
      body: '{"a":1}',
      signature: "t=1,v1=x",
    });
  });

  it("fails an attempt on a non-2xx, on a redirect (not followed) and on a timeout", async () => {
    expect(await post(`http://127.0.0.1:${port}/fail`)).toMatchObject({
      status: 500,
      error: "http_500",
    });
    expect(await post(`http://127.0.0.1:${port}/redirect`)).toMatchObject({
      status: 302,
      error: "http_302",
    });
    expect(await post(`http://127.0.0.1:${port}/hang`, true, 300)).toMatchObject({
      status: null,
      error: "timeout",
    });
  });

  it("refuses a name that resolves to loopback at connection time, and never connects", async () => {
    const before = seen.length;
    const result = await post(`http://localhost:${port}/rebound`, false);
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/^url_not_allowed: /);
    const literal = await post(`http://127.0.0.1:${port}/literal`, false);
    expect(literal.error).toMatch(/^url_not_allowed: /);
    expect(seen.length).toBe(before);
  });
});
