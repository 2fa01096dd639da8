import { createHash, randomUUID } from "node:crypto";
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  type ListMultipartUploadsCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { PagewiseError } from "@pagewise/core";
import {
  BLOB_KEY_PATTERN,
  type BlobStore,
  type KeyedBlobStore,
  type ListedBlob,
  type PutStreamOptions,
  type StoredBlob,
  type StreamEncoding,
} from "./blob-store";
import { TempUpload } from "./s3-temp-upload";

/**
 * S3's smallest part but the last (5 MiB). A stream of less than two parts is held in memory and
 * stored with one PutObject; a larger one goes up part by part as it arrives.
 */
export const S3_PART_BYTES = 5 * 1024 * 1024;

/** Temp objects (streams being uploaded) live under `<prefix>tmp/`; blobs directly under the prefix. */
const TEMP_FOLDER = "tmp/";

/**
 * Content-addressed blobs in an S3 bucket (or any S3-compatible store): `<prefix><sha256>`, one
 * flat level under the prefix (S3 has no folders to keep small).
 *
 * `putStream` keeps a stream of less than two parts in memory and stores it with one PutObject
 * after `beforeCommit`. A larger stream goes up as a multipart upload to a temp key
 * `<prefix>tmp/<uuid>` (the final key, the content's hash, is known only at the end, and an
 * upload's key is fixed when it starts); every part but the first is sent as soon as it is full,
 * so a stream holds about two parts (10 MiB) of memory whatever its size. The first part is held
 * back to the end because an encoding's header (encryption) is known only then. Once the upload
 * is complete and `beforeCommit` has returned, the temp object is copied server-side to its
 * final key (S3 makes a copy visible whole or not at all) and deleted: the equivalent of
 * LocalBlobStore's rename. A failure aborts the upload or deletes the temp object; what a crash
 * leaves behind `cleanTemp` removes by age. A single copy is limited to 5 GB by S3, far above
 * `PAGEWISE_MAX_FILE_BYTES`.
 */
export class S3BlobStore implements BlobStore, KeyedBlobStore {
  private readonly prefix: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** Key prefix inside the bucket (`pagewise/` …); a trailing slash is added when missing. */
    prefix = "",
  ) {
    this.prefix = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  }

  /** `s3://bucket/prefix/`, for logs and messages. */
  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const key = createHash("sha256").update(bytes).digest("hex");
    // Bytes already stored count as written now (see LocalBlobStore.put and the orphan sweep).
    if (!(await this.touch(key))) await this.write(key, bytes);
    return { key, size: bytes.byteLength };
  }

  async putAs(key: string, bytes: Uint8Array, options: { replace?: boolean } = {}): Promise<void> {
    if (options.replace || !(await this.touch(key))) await this.write(key, bytes);
  }

  /** Every blob key under the prefix (for key rotation). */
  async *listKeys(): AsyncGenerator<string> {
    for await (const blob of this.list()) yield blob.key;
  }

  /**
   * Renew a blob's LastModified without sending its bytes: a copy onto itself, which S3 allows
   * only when the metadata is replaced. False when there is no blob under `key`.
   */
  private async touch(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          CopySource: copySource(this.bucket, this.objectKey(key)),
          MetadataDirective: "REPLACE",
          Metadata: { touched: new Date().toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** One PutObject: S3 makes it visible whole or not at all. */
  private async write(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: bytes }),
    );
  }

  async putStream(
    source: AsyncIterable<Uint8Array>,
    options: PutStreamOptions & { encoding?: StreamEncoding } = {},
  ): Promise<StoredBlob> {
    const encoding = options.encoding;
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const hash = createHash("sha256");
    // Encoded bytes not sent yet: the first part (kept to the end), then the part filling up.
    let first: Uint8Array[] = [];
    let firstBytes = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let size = 0;
    let upload: TempUpload | undefined;
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          throw new PagewiseError("file_too_large", `More than ${maxBytes} bytes`, { maxBytes });
        }
        hash.update(chunk);
        const encoded = encoding ? encoding.encode(chunk) : chunk;
        if (firstBytes < S3_PART_BYTES) {
          first.push(encoded);
          firstBytes += encoded.byteLength;
          continue;
        }
        pending.push(encoded);
        pendingBytes += encoded.byteLength;
        if (pendingBytes >= S3_PART_BYTES) {
          upload ??= await TempUpload.start(this.client, this.bucket, this.tempKey());
          await upload.sendPart(pending);
          pending = [];
          pendingBytes = 0;
        }
      }
      const blob = { key: hash.digest("hex"), size };
      const framing = encoding?.finish(blob.key);
      if (framing) {
        first.unshift(framing.header);
        pending.push(framing.trailer);
      }
      if (!upload) {
        // Small: all in memory, nothing sent, so nothing is visible before the commit hook.
        const whole = Buffer.concat([...first, ...pending]);
        first = [];
        pending = [];
        await options.beforeCommit?.(blob);
        await this.write(blob.key, whole);
        return blob;
      }
      if (pending.length > 0) await upload.sendPart(pending);
      pending = [];
      await upload.sendFirstPart(first);
      first = [];
      await upload.complete();
      await options.beforeCommit?.(blob);
      // Replaces a copy that may be there: same content, and made visible after the row.
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(blob.key),
          CopySource: copySource(this.bucket, upload.key),
        }),
      );
      await upload.discard();
      return blob;
    } catch (error) {
      // The caller must see the original error; a temp that cannot be removed now is removed
      // later by `cleanTemp`.
      await upload?.discard().catch(() => {});
      throw error;
    }
  }

  private tempKey(): string {
    return `${this.prefix}${TEMP_FOLDER}${randomUUID()}`;
  }

  /**
   * Remove what streams a crash or a kill interrupted, started more than `olderThanMs` ago
   * (recent ones may be another process's, still running): temp objects, and multipart uploads
   * under the temp folder where the server lists them (some S3-compatible test servers do not;
   * a bucket lifecycle rule `AbortIncompleteMultipartUpload` is the backstop). Returns how many.
   */
  async cleanTemp(olderThanMs: number): Promise<number> {
    const before = Date.now() - olderThanMs;
    const prefix = this.prefix + TEMP_FOLDER;
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || (object.LastModified?.getTime() ?? 0) > before) continue;
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object.Key }));
        removed++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed + (await this.abortUploads(prefix, before));
  }

  private async abortUploads(prefix: string, before: number): Promise<number> {
    let removed = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      let page: ListMultipartUploadsCommandOutput;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
      } catch (error) {
        if (errorName(error) === "NotImplemented") return removed;
        throw error;
      }
      for (const entry of page.Uploads ?? []) {
        if (!entry.Key || !entry.UploadId || (entry.Initiated?.getTime() ?? 0) > before) continue;
        await this.client.send(
          new AbortMultipartUploadCommand({
            Bucket: this.bucket,
            Key: entry.Key,
            UploadId: entry.UploadId,
          }),
        );
        removed++;
      }
      if (!page.IsTruncated) return removed;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }

  /** The bucket answers with these credentials (readiness, and the check at start). */
  async ping(): Promise<boolean> {
    return this.client.send(new HeadBucketCommand({ Bucket: this.bucket })).then(
      () => true,
      () => false,
    );
  }

  async get(key: string): Promise<Uint8Array<ArrayBuffer> | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      if (!answer.Body) return null;
      const bytes = await answer.Body.transformToByteArray();
      return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
    );
  }

  async *list(): AsyncIterable<ListedBlob> {
    let token: string | undefined;
    do {
      // The delimiter keeps anything in "sub-folders" of the prefix out of the listing.
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix,
          Delimiter: "/",
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length) ?? "";
        if (!BLOB_KEY_PATTERN.test(key)) continue;
        yield { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private objectKey(key: string): string {
    if (!BLOB_KEY_PATTERN.test(key)) throw new Error(`Invalid blob key: ${key}`);
    return this.prefix + key;
  }
}

/** True for S3's "no such key / bucket" answers (404). */
function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  if (name === "NoSuchKey" || name === "NotFound") return true;
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string; Code?: string }).Code ?? (error as { name?: string }).name;
}

/** `x-amz-copy-source`: bucket and key, URL-encoded (keys here are hex and `/`). */
function copySource(bucket: string, objectKey: string): string {
  return encodeURI(`${bucket}/${objectKey}`);
}
