import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type PlatformClient, sleep } from "./platform";

export interface DocumentJson {
  id: string;
  status: string;
  pageCount: number | null;
  error: { code: string; message: string } | null;
  category: { name: string; confidence: number } | null;
  fields: {
    name: string;
    value: string;
    normalized: string | null;
    confidence: number;
    tokenIds: string[];
    /** `model`, `einvoice` or `memory` (docs/vendor-memory.md). */
    source: string;
    modelVersion: number | null;
  }[];
  lineItems?:
    | {
        page: number;
        box: [number, number, number, number];
        confidence: number;
        cells: Record<string, { value: string; normalized: string | null; tokenIds: string[] }>;
      }[]
    | null;
}

export interface LayoutJson {
  pages: {
    index: number;
    width: number;
    height: number;
    source: string;
    tokens: { id: string; text: string; box: number[]; confidence: number; line: number }[];
  }[];
}

const TERMINAL = new Set(["processed", "needs_review", "reviewed", "failed"]);

/** Upload files (paths or named bytes) in one request; returns the created ids in order. */
export async function upload(
  platform: PlatformClient,
  files: (string | { name: string; bytes: Uint8Array })[],
  options: {
    project?: string;
    token?: string;
    layout?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<string[]> {
  const form = new FormData();
  for (const file of files) {
    const { name, bytes } =
      typeof file === "string" ? { name: basename(file), bytes: readFileSync(file) } : file;
    form.append("file", new File([bytes], name));
  }
  if (options.layout) form.append("layout", JSON.stringify(options.layout));
  const res = await platform.request(
    `/v1/projects/${options.project ?? "default"}/documents`,
    { method: "POST", body: form, headers: options.headers ?? {} },
    options.token,
  );
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { documents: { id: string }[] };
  return body.documents.map((d) => d.id);
}

export async function getDocument(
  platform: PlatformClient,
  id: string,
  project = "default",
  token?: string,
) {
  const res = await platform.request(`/v1/projects/${project}/documents/${id}`, {}, token);
  if (!res.ok) throw new Error(`GET document answered ${res.status}`);
  return (await res.json()) as DocumentJson;
}

/** Poll until the document reaches a terminal status. */
export async function waitForTerminal(
  platform: PlatformClient,
  id: string,
  timeoutMs = 120_000,
  project = "default",
  token?: string,
): Promise<DocumentJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const doc = await getDocument(platform, id, project, token);
    if (TERMINAL.has(doc.status)) return doc;
    if (Date.now() > deadline) throw new Error(`${id} still ${doc.status} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

export async function getLayout(
  platform: PlatformClient,
  id: string,
  project = "default",
  token?: string,
) {
  const res = await platform.request(`/v1/projects/${project}/documents/${id}/layout`, {}, token);
  if (!res.ok) throw new Error(`GET layout answered ${res.status}`);
  return (await res.json()) as LayoutJson;
}

/** Whitespace- and case-insensitive: does `needle` appear in the page text? */
export function layoutContains(layout: LayoutJson, needle: string): boolean {
  const squash = (s: string) => s.toLowerCase().replace(/\s+/g, "");
  const text = layout.pages.map((p) => p.tokens.map((t) => t.text).join(" ")).join(" ");
  return squash(text).includes(squash(needle));
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
