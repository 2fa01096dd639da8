import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { ensureWritableDir } from "./data-dir";
import { LocalBlobStore, TEMP_FILE_MAX_AGE_MS } from "./local-blob-store";
import { S3BlobStore } from "./s3-blob-store";
import { StartupError } from "./startup-error";

/** The blob settings of `BlobStoreEnvShape` (packages/core/src/shared-env.ts), as parsed. */
export interface BlobStoreEnv {
  PAGEWISE_BLOB_URL?: string | undefined;
  PAGEWISE_S3_ENDPOINT?: string | undefined;
  PAGEWISE_S3_REGION?: string | undefined;
  PAGEWISE_S3_FORCE_PATH_STYLE?: "on" | "off" | undefined;
}

/** Where the blobs are, from the environment: the local folder, or a bucket and prefix. */
export type BlobStoreLocation =
  | { kind: "local"; dir: string }
  | {
      kind: "s3";
      bucket: string;
      /** Key prefix inside the bucket, "" or ending in "/". */
      prefix: string;
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
    };

/** A blob store opened for an app: the store under encryption, and what is local about it. */
export interface OpenedBlobStore {
  /** Wrap it in `EncryptedBlobStore`; `listKeys()` walks it for key rotation. */
  store: LocalBlobStore | S3BlobStore;
  kind: "local" | "s3";
  /**
   * The local blob folder, or undefined with S3: disk reserve and free-space checks apply to the
   * folder only.
   */
  localDir: string | undefined;
  /** The folder or `s3://bucket/prefix/`, for logs. */
  location: string;
  /** The store answers: the bucket with S3 (for `/readyz`); always true for the folder. */
  ping(): Promise<boolean>;
  /** Release the S3 client's sockets. */
  close(): void;
}

export function blobStoreLocation(env: BlobStoreEnv, blobDir: string): BlobStoreLocation {
  if (!env.PAGEWISE_BLOB_URL) return { kind: "local", dir: blobDir };
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(env.PAGEWISE_BLOB_URL);
  if (!match?.[1]) {
    throw new StartupError(
      `PAGEWISE_BLOB_URL=${env.PAGEWISE_BLOB_URL} is not s3://bucket/prefix (unset: the local folder).`,
      { code: "blob_url_invalid" },
    );
  }
  const path = (match[2] ?? "").replace(/^\/+/, "");
  const endpoint = env.PAGEWISE_S3_ENDPOINT;
  return {
    kind: "s3",
    bucket: match[1],
    prefix: path === "" || path.endsWith("/") ? path : `${path}/`,
    endpoint,
    region: env.PAGEWISE_S3_REGION ?? "us-east-1",
    forcePathStyle: (env.PAGEWISE_S3_FORCE_PATH_STYLE ?? (endpoint ? "on" : "off")) === "on",
  };
}

/**
 * A client for the configured S3. Credentials come from the SDK's default chain: AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, else profiles, web identity, instance roles.
 */
export function createS3Client(location: Extract<BlobStoreLocation, { kind: "s3" }>): S3Client {
  return new S3Client({
    region: location.region,
    endpoint: location.endpoint,
    forcePathStyle: location.forcePathStyle,
    // S3-compatible servers do not all know the newer default checksums (CRC32 headers);
    // AWS itself still checks every body with Content-MD5 or its signature.
    ...(location.endpoint
      ? {
          requestChecksumCalculation: "WHEN_REQUIRED" as const,
          responseChecksumValidation: "WHEN_REQUIRED" as const,
        }
      : {}),
    // An endpoint that does not answer fails a request instead of hanging it.
    requestHandler: { connectionTimeout: 10_000 },
  });
}

/**
 * The blob store this process uses, chosen by `PAGEWISE_BLOB_URL`: the local folder (default;
 * created and checked writable) or an S3 bucket (checked reachable with its credentials). Temp
 * files or objects of interrupted writes, older than `TEMP_FILE_MAX_AGE_MS`, are removed. A store
 * that cannot be used throws a one-line `StartupError`.
 */
export async function openBlobStore(
  env: BlobStoreEnv,
  locations: { blobDir: string },
): Promise<OpenedBlobStore> {
  const location = blobStoreLocation(env, locations.blobDir);
  if (location.kind === "local") {
    ensureWritableDir(location.dir);
    const store = new LocalBlobStore(location.dir);
    // Temp files of writes a crash or a kill interrupted (recent ones may be another process's).
    await store.cleanTemp(TEMP_FILE_MAX_AGE_MS);
    return {
      store,
      kind: "local",
      localDir: location.dir,
      location: location.dir,
      ping: async () => true,
      close: () => {},
    };
  }
  const client = createS3Client(location);
  const url = `s3://${location.bucket}/${location.prefix}`;
  try {
    await checkBucket(client, location);
    const store = new S3BlobStore(client, location.bucket, location.prefix);
    await store.cleanTemp(TEMP_FILE_MAX_AGE_MS);
    return {
      store,
      kind: "s3",
      localDir: undefined,
      location: url,
      ping: () => store.ping(),
      close: () => client.destroy(),
    };
  } catch (error) {
    client.destroy();
    throw error;
  }
}

/** HeadBucket, with an operator's message for each way it fails. */
async function checkBucket(
  client: S3Client,
  location: Extract<BlobStoreLocation, { kind: "s3" }>,
): Promise<void> {
  const where = location.endpoint ?? `AWS S3 (${location.region})`;
  try {
    await client.send(new HeadBucketCommand({ Bucket: location.bucket }), {
      abortSignal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = (error as Error).name;
    if (status === 404 || name === "NotFound" || name === "NoSuchBucket") {
      throw new StartupError(
        `The bucket ${location.bucket} of PAGEWISE_BLOB_URL does not exist at ${where}: create it, or fix PAGEWISE_BLOB_URL.`,
        { code: "blob_bucket_missing", cause: error },
      );
    }
    if (status === 403 || status === 401) {
      throw new StartupError(
        `Access to the bucket ${location.bucket} at ${where} was denied: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the role) and the bucket's policy.`,
        { code: "blob_store_denied", cause: error },
      );
    }
    if (name === "CredentialsProviderError") {
      throw new StartupError(
        "PAGEWISE_BLOB_URL names an S3 bucket but no AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or a profile or role).",
        { code: "blob_store_denied", cause: error },
      );
    }
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new StartupError(
      `Cannot reach the S3 store at ${where} for the bucket ${location.bucket} (${reason}): check PAGEWISE_S3_ENDPOINT and the network.`,
      { code: "blob_store_unreachable", cause: error },
    );
  }
}
