import type { MethodResponse } from "openapi-fetch";
import { type ApiClient, type PageItem, type PageParams, paginate, unwrap } from "./api-client.js";
import { networkError, TimeoutError, toPagewiseError } from "./errors.js";
import type { components, paths } from "./openapi.gen.js";

/** A document as `GET /v1/projects/{project}/documents/{id}` answers it. */
export type Document = NonNullable<
  MethodResponse<ApiClient, "get", "/v1/projects/{project}/documents/{id}">
>;
export type DocumentStatus = Document["status"];
export type UploadedDocument = components["schemas"]["UploadResult"]["documents"][number];
export type DocumentListQuery = NonNullable<
  PageParams<"/v1/projects/{project}/documents">["query"]
>;

/**
 * Ground truth of an imported document (the multipart field `labels`, which the OpenAPI document
 * types as a JSON string): its category and field values. Needs a reviewer token; the document
 * ends `reviewed` and becomes training data.
 */
export interface ImportLabels {
  category: string;
  fields: { name: string; value: string; tokenIds?: string[] }[];
}

/** What `upload` accepts: a Blob or File, bytes (a Node Buffer is a Uint8Array), or a stream. */
export type UploadBody =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

export interface UploadOptions {
  /** The project (default: the client's `project`). */
  project?: string;
  /**
   * The key that makes the upload safe to repeat: the same key with the same bytes returns the
   * first document (`duplicate: true`), the same key with other bytes is refused (ConflictError).
   * Default: a random key per call, so the client's own retries never store the file twice; pass
   * your own (e.g. derived from your record's id) to make your retries safe too.
   */
  idempotencyKey?: string;
  /** The file name (default: the File's name, else `upload`). */
  filename?: string;
  /** Ground truth for an imported, already labeled document (see ImportLabels). */
  labels?: ImportLabels;
  /** A layout read elsewhere (JSON, see ImportLayout in docs/api.md): its pages are not read again. */
  layout?: unknown;
  signal?: AbortSignal;
}

/** The export's filters: the documents list's (status, category, from, to …) and its options. */
export type ExportQuery = NonNullable<
  paths["/v1/projects/{project}/exports/documents.csv"]["get"]["parameters"]["query"]
>;

export interface ExportOptions extends ExportQuery {
  project?: string;
  format: "csv" | "jsonl";
  signal?: AbortSignal;
}

export interface WaitOptions {
  project?: string;
  /** Give up with a TimeoutError after this long (default 5 minutes). */
  timeoutMs?: number;
  /** How often to look (default 1 s). */
  intervalMs?: number;
}

/** Statuses a document leaves only by a person's action (a review) or a restart. */
export const RESULT_STATUSES: readonly DocumentStatus[] = [
  "needs_review",
  "processed",
  "reviewed",
  "failed",
];

/** One part of a Blob (spelled out: Node's types, without DOM, have no `BlobPart`). */
type Part = NonNullable<ConstructorParameters<typeof Blob>[0]>[number];

async function toBlob(body: UploadBody): Promise<Blob> {
  if (body instanceof Blob) return body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    return new Blob([body as Part]);
  }
  if (typeof (body as ReadableStream).getReader === "function") {
    return new Response(body as ReadableStream<Uint8Array>).blob();
  }
  // A stream is read whole before sending: a retry must be able to send the same bytes again.
  const chunks: Part[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(chunk as Part);
  }
  return new Blob(chunks);
}

function randomKey(): string {
  return `sdk-${crypto.randomUUID()}`;
}

/** The documents of a project: upload, read, list, wait for results, delete. */
export class Documents {
  constructor(
    private readonly api: ApiClient,
    private readonly projectOf: (project: string | undefined) => string,
  ) {}

  /**
   * Upload one document. Retried on network errors, 429 and 5xx with its Idempotency-Key, so a
   * retry never stores it twice.
   *
   * @example
   * const doc = await client.documents.upload(await readFile("invoice.pdf"), {
   *   project: "invoices", filename: "invoice.pdf", idempotencyKey: `invoice-${row.id}`,
   * });
   */
  async upload(body: UploadBody, options: UploadOptions = {}): Promise<UploadedDocument> {
    const project = this.projectOf(options.project);
    const blob = await toBlob(body);
    const filename = options.filename ?? (blob as Partial<File>).name ?? "upload";
    const form = new FormData();
    form.append("file", blob, filename || "upload");
    if (options.labels) form.append("labels", JSON.stringify(options.labels));
    if (options.layout !== undefined) {
      form.append(
        "layout",
        typeof options.layout === "string" ? options.layout : JSON.stringify(options.layout),
      );
    }
    const result = await unwrap(
      this.api.POST("/v1/projects/{project}/documents", {
        params: {
          path: { project },
          header: { "idempotency-key": options.idempotencyKey ?? randomKey() },
        },
        // The form is sent as it is (openapi-fetch passes FormData through).
        body: form as never,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    const [document] = result.documents;
    if (!document) throw new Error("The API accepted the upload but returned no document.");
    return document;
  }

  /** One document with its status, category and fields. */
  get(id: string, options: { project?: string } = {}): Promise<Document> {
    return unwrap(
      this.api.GET("/v1/projects/{project}/documents/{id}", {
        params: { path: { project: this.projectOf(options.project), id } },
      }),
    );
  }

  /**
   * Every document (newest first) matching the filters, fetched page by page as you iterate.
   *
   * @example
   * for await (const doc of client.documents.list({ project: "invoices", status: "needs_review" })) ...
   */
  list(
    options: DocumentListQuery & { project?: string } = {},
  ): AsyncGenerator<PageItem<"/v1/projects/{project}/documents">, void, undefined> {
    const { project, ...query } = options;
    return paginate(this.api, "/v1/projects/{project}/documents", {
      path: { project: this.projectOf(project) },
      query,
    });
  }

  /**
   * Poll a document until it has a result: `processed`, `needs_review`, `reviewed` or `failed`
   * (a failed one is returned, not thrown: its `error` says why). Throws TimeoutError after
   * `timeoutMs`.
   */
  async waitForResult(id: string, options: WaitOptions = {}): Promise<Document> {
    const timeoutMs = options.timeoutMs ?? 5 * 60_000;
    const intervalMs = options.intervalMs ?? 1_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const document = await this.get(id, options);
      if (RESULT_STATUSES.includes(document.status)) return document;
      if (Date.now() + intervalMs > deadline) {
        throw new TimeoutError(
          "timeout",
          `Document ${id} is still ${document.status} after ${timeoutMs} ms; is a worker running?`,
          0,
          { documentId: id, status: document.status },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Delete a document with its pages, results, reviews and events. */
  /**
   * Export the project's documents and their values (CSV or JSON Lines), streamed: the body is
   * read as it arrives, so an export of any size never sits in memory. `total` is the number of
   * documents counted when the export started (header `Pagewise-Total-Count`).
   *
   * @example
   * const { body } = await client.documents.export({ project: "invoices", format: "csv" });
   * await pipeline(Readable.fromWeb(body), createWriteStream("invoices.csv"));
   */
  async export(
    options: ExportOptions,
  ): Promise<{ total: number | null; body: ReadableStream<Uint8Array> }> {
    const { project, format, signal, ...query } = options;
    const path =
      format === "csv"
        ? ("/v1/projects/{project}/exports/documents.csv" as const)
        : ("/v1/projects/{project}/exports/documents.jsonl" as const);
    let result: { error?: unknown; response: Response };
    try {
      result = await this.api.GET(path, {
        params: { path: { project: this.projectOf(project) }, query },
        parseAs: "stream",
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      throw networkError(err);
    }
    const { response } = result;
    if (!response.ok || !response.body) {
      throw toPagewiseError(response.status, result.error, response.headers.get("Retry-After"));
    }
    const header = response.headers.get("Pagewise-Total-Count");
    return { total: header === null ? null : Number(header), body: response.body };
  }

  async delete(id: string, options: { project?: string } = {}): Promise<void> {
    await unwrap(
      this.api.DELETE("/v1/projects/{project}/documents/{id}", {
        params: { path: { project: this.projectOf(options.project), id } },
      }),
    );
  }
}
