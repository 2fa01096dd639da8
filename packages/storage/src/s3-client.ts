import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Location } from "./blob-store-location";
import { StartupError } from "./startup-error";

/**
 * A client for the configured S3. Credentials come from the SDK's default chain: AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, else profiles, web identity, instance roles.
 */
export function createS3Client(location: S3Location): S3Client {
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

/** HeadBucket, with an operator's message for each way it fails. */
export async function checkBucket(client: S3Client, location: S3Location): Promise<void> {
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
