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

/** An S3 location of `BlobStoreLocation`. */
export type S3Location = Extract<BlobStoreLocation, { kind: "s3" }>;

/** The folder by default, or the bucket and prefix of `PAGEWISE_BLOB_URL`. */
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
