/** The part of s3rver (a test-only S3 server, no types of its own) that testing-s3.ts uses. */
declare module "s3rver" {
  export default class S3rver {
    constructor(options: {
      address?: string;
      port?: number;
      silent?: boolean;
      directory?: string;
      configureBuckets?: { name: string }[];
    });
    /** Where the server keeps an object's bytes (their mtime is the object's LastModified). */
    store: { getResourcePath(bucket: string, key: string, resource: "object"): string };
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
