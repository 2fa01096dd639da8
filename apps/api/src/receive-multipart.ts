import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { PagewiseError } from "@pagewise/core";
import type { BlobStore, StoredBlob } from "@pagewise/storage";
import busboy from "busboy";

/** A file of the request, written to the blob store but not yet visible under its key. */
export interface ReceivedFile {
  /** Its position among the request's files. */
  index: number;
  field: string;
  filename: string;
  /** Its blob key. */
  key: string;
  /** The sha256 of its bytes (hex), hashed here: a blob store may key blobs otherwise. */
  sha256: string;
  size: number;
  /** Its first and last bytes (enough for `sniffMimeType`): `sample.length` ≤ 2048. */
  sample: Uint8Array;
  /** All its bytes, when it is no larger than `keepBytes` (a small JSON file to read). */
  bytes?: Uint8Array;
}

export interface MultipartLimits {
  /** The form field that carries files; files in other fields are skipped. */
  fileField: string;
  maxFileBytes: number;
  maxFiles: number;
  /** Longest text field (a layout read elsewhere can be long). */
  maxFieldBytes: number;
  /** Files up to this size are also kept in memory (`ReceivedFile.bytes`); default 0. */
  keepBytes?: number;
}

/** Writes the row that points at a file; `false` keeps the file out of the store. */
export type LinkFile = (file: ReceivedFile) => Promise<unknown>;

/** One file being received: written, then waiting for the request's verdict. */
interface Pending {
  file: ReceivedFile;
  /** Settles when every byte is written (or writing failed). */
  written: Promise<void>;
  /** Settles when the file is committed or discarded. */
  stored: Promise<unknown>;
  decide: (link: LinkFile | null) => void;
}

/** What the request carried: its text fields, and its files, written but not yet committed. */
export class ReceivedMultipart {
  constructor(
    readonly fields: ReadonlyMap<string, string[]>,
    private readonly pending: readonly Pending[],
  ) {}

  get files(): ReceivedFile[] {
    return this.pending.map((p) => p.file);
  }

  field(name: string): string | undefined {
    return this.fields.get(name)?.[0];
  }

  /**
   * Commit the files one after the other, in request order: `link` writes the row that points
   * at a file's key, then the file becomes visible (unless `link` answers false). A failing
   * `link` discards that file and the ones after it, and its error is thrown.
   */
  async commit(link: LinkFile): Promise<void> {
    for (const [i, pending] of this.pending.entries()) {
      pending.decide(link);
      try {
        await pending.stored;
      } catch (error) {
        await settleAll(this.pending.slice(i + 1));
        throw error;
      }
    }
  }

  /** Keep none of the files. */
  discard(): Promise<void> {
    return settleAll(this.pending);
  }
}

class Discarded extends Error {}

async function settleAll(pending: readonly Pending[]): Promise<void> {
  for (const p of pending) p.decide(null);
  await Promise.allSettled(pending.map((p) => p.stored));
}

/**
 * Read a multipart/form-data request as a stream: each file goes to the blob store as it
 * arrives (hashed on the way, never whole in memory), and none is visible until `commit`, so
 * the caller can judge every file (`sample`, `size`) before any is stored. A file over
 * `maxFileBytes` stops the request at once with `file_too_large`; nothing is left behind.
 */
export async function receiveMultipart(
  request: Request,
  blobs: BlobStore,
  limits: MultipartLimits,
): Promise<ReceivedMultipart> {
  const type = request.headers.get("content-type") ?? "";
  if (!request.body || !/^multipart\/form-data/i.test(type)) {
    throw new PagewiseError("validation_failed", "The request body is not multipart/form-data.");
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      // Browsers send file names in UTF-8 (busboy assumes latin1 by default).
      defParamCharset: "utf8",
      limits: { files: limits.maxFiles + 1, fieldSize: limits.maxFieldBytes, fields: 50 },
    });
  } catch (error) {
    throw new PagewiseError("validation_failed", `Malformed multipart request: ${error}`);
  }
  const fields = new Map<string, string[]>();
  const pending: Pending[] = [];
  let rejectEarly: (error: unknown) => void = () => {};
  const early = new Promise<never>((_, reject) => {
    rejectEarly = reject;
  });
  early.catch(() => {});
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) {
      rejectEarly(
        new PagewiseError(
          "payload_too_large",
          `The field \`${name}\` is longer than ${limits.maxFieldBytes} bytes.`,
        ),
      );
      return;
    }
    fields.set(name, [...(fields.get(name) ?? []), value]);
  });
  parser.on("file", (field, stream, info) => {
    if (field !== limits.fileField) {
      stream.resume();
      return;
    }
    if (pending.length >= limits.maxFiles) {
      stream.resume();
      rejectEarly(
        new PagewiseError("payload_too_large", `At most ${limits.maxFiles} files per request.`),
      );
      return;
    }
    const p = receiveFile(blobs, pending.length, field, info.filename ?? "", stream, limits);
    pending.push(p);
    p.written.catch(rejectEarly);
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", (error) =>
      reject(new PagewiseError("validation_failed", `Malformed multipart request: ${error}`)),
    );
  });
  const body = Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>);
  body.on("error", rejectEarly);
  body.pipe(parser);
  try {
    await Promise.race([parsed, early]);
    // Read the body to its very end (past the closing boundary) before anyone answers: a
    // response sent on a half-read request makes the server drop a keep-alive connection that
    // the client may be reusing already.
    await Promise.race([finished(body).catch(() => {}), early]);
    await Promise.race([Promise.all(pending.map((p) => p.written)), early]);
  } catch (error) {
    body.unpipe(parser);
    body.destroy();
    await settleAll(pending);
    throw error;
  }
  return new ReceivedMultipart(fields, pending);
}

/**
 * One file from a stream rather than a request (the consume folder): written to the blob store,
 * hashed and sampled exactly as a multipart file, and not visible until `commit`.
 */
export async function receiveFileStream(
  blobs: BlobStore,
  filename: string,
  stream: Readable,
  limits: Pick<MultipartLimits, "maxFileBytes">,
): Promise<ReceivedMultipart> {
  const pending = receiveFile(blobs, 0, "file", filename, stream, {
    fileField: "file",
    maxFileBytes: limits.maxFileBytes,
    maxFiles: 1,
    maxFieldBytes: 0,
  });
  try {
    await pending.written;
  } catch (error) {
    stream.destroy();
    await settleAll([pending]);
    throw error;
  }
  return new ReceivedMultipart(new Map(), [pending]);
}

const SAMPLE_BYTES = 1024;

function receiveFile(
  blobs: BlobStore,
  index: number,
  field: string,
  filename: string,
  stream: Readable,
  limits: MultipartLimits,
): Pending {
  const file: ReceivedFile = {
    index,
    field,
    filename,
    key: "",
    sha256: "",
    size: 0,
    sample: new Uint8Array(),
  };
  const hash = createHash("sha256");
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  const keepBytes = limits.keepBytes ?? 0;
  let kept: Buffer[] | undefined = keepBytes > 0 ? [] : undefined;
  let size = 0;
  async function* sampled(): AsyncGenerator<Uint8Array> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (kept && size > keepBytes) kept = undefined;
      kept?.push(chunk);
      hash.update(chunk);
      if (head.length < 2 * SAMPLE_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, 2 * SAMPLE_BYTES - head.length)]);
      }
      tail = Buffer.concat([tail, chunk]).subarray(-SAMPLE_BYTES);
      yield chunk;
    }
  }
  let markWritten: () => void = () => {};
  let failWritten: (error: unknown) => void = () => {};
  const written = new Promise<void>((resolve, reject) => {
    markWritten = resolve;
    failWritten = reject;
  });
  written.catch(() => {});
  let decide: Pending["decide"] = () => {};
  const verdict = new Promise<LinkFile | null>((resolve) => {
    decide = resolve;
  });
  const stored = blobs
    .putStream(sampled(), {
      maxBytes: limits.maxFileBytes,
      beforeCommit: async (blob: StoredBlob) => {
        file.key = blob.key;
        file.sha256 = hash.digest("hex");
        file.size = blob.size;
        // The first 1024 and the last 1024 bytes, as sniffMimeType looks at them.
        file.sample =
          blob.size <= 2 * SAMPLE_BYTES
            ? head
            : Buffer.concat([head.subarray(0, SAMPLE_BYTES), tail]);
        if (kept) file.bytes = Buffer.concat(kept);
        markWritten();
        const link = await verdict;
        if (!link || (await link(file)) === false) throw new Discarded();
      },
    })
    .catch((error: unknown) => {
      if (error instanceof PagewiseError && error.code === "file_too_large") {
        error = new PagewiseError(
          "file_too_large",
          `'${filename}' is larger than ${limits.maxFileBytes} bytes, the limit.`,
          { file: filename, maxBytes: limits.maxFileBytes },
        );
      }
      // Written or not, a stream that failed must not hold the request up.
      stream.resume();
      failWritten(error);
      throw error;
    });
  const settled = stored.catch((error: unknown) => {
    if (error instanceof Discarded) return undefined;
    throw error;
  });
  settled.catch(() => {});
  return { file, written, stored: settled, decide };
}
