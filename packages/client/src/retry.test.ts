import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unwrap } from "./api-client";
import {
  NetworkError,
  NotFoundError,
  type PagewiseError,
  RateLimitedError,
  ServerError,
} from "./errors";
import { Pagewise } from "./pagewise";

/** What the test server does with each request, in order; the last one repeats. */
type Step = "ok" | "reset" | number | { status: number; retryAfter: string };

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

const UPLOADED = {
  documents: [{ id: "doc_1", status: "queued", filename: "a.pdf", duplicate: false }],
};

/** A real HTTP server on 127.0.0.1 that answers by a script and records every request. */
class ScriptedServer {
  readonly seen: Seen[] = [];
  private steps: Step[] = ["ok"];
  private server: Server = createServer((req, res) => this.handle(req, res));
  baseUrl = "";

  script(...steps: Step[]) {
    this.steps = steps;
  }

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const step = this.steps[Math.min(this.seen.length, this.steps.length - 1)] ?? "ok";
    this.seen.push({
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    if (step === "reset") {
      req.socket.destroy();
      return;
    }
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (step === "ok") {
      if (req.method === "POST") return json(202, UPLOADED);
      return json(200, { id: "doc_1", status: "processed" });
    }
    const status = typeof step === "number" ? step : step.status;
    const code = { 404: "not_found", 429: "rate_limited", 500: "internal", 503: "unavailable" }[
      status
    ];
    json(
      status,
      { error: { code, message: `scripted ${status}` } },
      typeof step === "object" ? { "retry-after": step.retryAfter } : {},
    );
  }
}

const server = new ScriptedServer();
let client: Pagewise;
const PDF = Buffer.from("%PDF-1.4\n% a small test body\n");

beforeEach(async () => {
  await server.start();
  client = new Pagewise({
    baseUrl: server.baseUrl,
    token: "pw_test",
    project: "invoices",
    retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2_000 },
  });
});
afterEach(async () => {
  await server.stop();
  server.seen.length = 0;
});

describe("retries", () => {
  it("sends a GET again after a 503 and a 429 (Retry-After 0), and returns the third answer", async () => {
    server.script(503, { status: 429, retryAfter: "0" }, "ok");
    const document = await client.documents.get("doc_1");
    expect(document.status).toBe("processed");
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      "GET /v1/projects/invoices/documents/doc_1",
      "GET /v1/projects/invoices/documents/doc_1",
      "GET /v1/projects/invoices/documents/doc_1",
    ]);
    for (const s of server.seen) expect(s.headers.authorization).toBe("Bearer pw_test");
  });

  it("uploads again after a 500 and a dropped connection, with the same key and the same bytes", async () => {
    server.script(500, "reset", "ok");
    const uploaded = await client.documents.upload(PDF, {
      filename: "a.pdf",
      idempotencyKey: "invoice-42",
    });
    expect(uploaded).toEqual(UPLOADED.documents[0]);
    expect(server.seen).toHaveLength(3);
    for (const s of server.seen) {
      expect(s.method).toBe("POST");
      expect(s.url).toBe("/v1/projects/invoices/documents");
      expect(s.headers["idempotency-key"]).toBe("invoice-42");
      expect(s.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect(s.body.includes(PDF)).toBe(true);
      expect(s.body.toString("latin1")).toContain('filename="a.pdf"');
    }
    const [first, ...rest] = server.seen;
    for (const s of rest) expect(s.body.equals(first?.body ?? Buffer.alloc(0))).toBe(true);
  });

  it("gives an upload without a key one of its own, the same on every attempt", async () => {
    server.script(503, "ok");
    async function* stream() {
      yield PDF.subarray(0, 5);
      yield PDF.subarray(5);
    }
    await client.documents.upload(stream(), { filename: "a.pdf" });
    expect(server.seen).toHaveLength(2);
    const keys = server.seen.map((s) => s.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^sdk-[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(server.seen[1]?.body.includes(PDF)).toBe(true);
  });

  it("never sends a POST without an Idempotency-Key twice", async () => {
    server.script(503, "ok");
    const call = unwrap(
      client.api.POST("/v1/projects/{project}/models/train", {
        params: { path: { project: "invoices" } },
      }),
    );
    await expect(call).rejects.toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(1);
  });

  it("stops after the last retry and throws the last answer's error", async () => {
    server.script(503);
    const error = await client.documents.get("doc_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as PagewiseError).code).toBe("unavailable");
    expect((error as PagewiseError).status).toBe(503);
    expect(server.seen).toHaveLength(4);
  });

  it("does not wait for a Retry-After beyond maxDelayMs: the 429 comes back with it", async () => {
    server.script({ status: 429, retryAfter: "120" }, "ok");
    const error = await client.documents.get("doc_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(120);
    expect(server.seen).toHaveLength(1);
  });

  it("does not retry an answer that will not change (404)", async () => {
    server.script(404, "ok");
    await expect(client.documents.get("doc_1")).rejects.toBeInstanceOf(NotFoundError);
    expect(server.seen).toHaveLength(1);
  });

  it("throws a NetworkError (status 0) when no attempt gets an answer", async () => {
    server.script("reset");
    const error = await client.documents.get("doc_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as PagewiseError).code).toBe("network");
    expect((error as PagewiseError).status).toBe(0);
    expect(server.seen).toHaveLength(4);
  });

  it("sends each request once with retry: false", async () => {
    server.script(503, "ok");
    const once = new Pagewise({ baseUrl: server.baseUrl, project: "invoices", retry: false });
    await expect(once.documents.get("doc_1")).rejects.toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.headers.authorization).toBeUndefined();
  });
});
