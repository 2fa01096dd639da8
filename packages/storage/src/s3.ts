/**
 * The S3 side of the blob store, apart from the package's index: the AWS SDK it loads takes half a
 * second, which only processes that use S3 pay (`openBlobStore` imports this lazily).
 */

export { S3_PART_BYTES, S3BlobStore } from "./s3-blob-store";
export { checkBucket, createS3Client } from "./s3-client";
