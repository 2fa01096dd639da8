// Upload rates for bench/pipeline-throughput.ts: POST /documents against a bare hono echo.
import { createServer } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { mapLimit } from "./datasets";
import { uniqueBytes } from "./pipeline-runs";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      server.close(() => resolve(address.port));
    });
  });
}

export async function uploadsPerSecond(
  url: string,
  token: string | null,
  bytes: Uint8Array,
  count: number,
  concurrency: number,
) {
  const started = performance.now();
  await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const form = new FormData();
      // Distinct bytes per upload, as real uploads are (content addressing would dedupe copies).
      form.append("file", new File([uniqueBytes(bytes, Math.random() + i)], `bench-${i}.pdf`));
      const res = await fetch(url, {
        method: "POST",
        body: form,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      if (res.status >= 300) throw new Error(`upload answered ${res.status}`);
      await res.arrayBuffer();
    },
  );
  return count / ((performance.now() - started) / 1000);
}

export async function echoServer(): Promise<{ url: string; close: () => void }> {
  const app = new Hono();
  app.post("/upload", async (c) => {
    const body = await c.req.parseBody();
    const file = body.file as File;
    return c.json({ size: (await file.arrayBuffer()).byteLength }, 202);
  });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  return { url: `http://127.0.0.1:${port}/upload`, close: () => server.close() };
}
