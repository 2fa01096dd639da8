import { type BlobStoreEnv, blobStoreLocation } from "./blob-store-location";
import { ensureWritableDir } from "./data-dir";
import { LocalBlobStore, TEMP_FILE_MAX_AGE_MS } from "./local-blob-store";
import type { S3BlobStore } from "./s3-blob-store";

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
  // The AWS SDK takes half a second to load: only processes that use S3 load it.
  const { checkBucket, createS3Client, S3BlobStore } = await import("./s3");
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
