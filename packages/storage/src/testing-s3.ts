/// <reference path="./s3rver.d.ts" />
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import S3rver from "s3rver";

/** s3rver's fixed credentials: the client signs with them like with real ones. */
const ACCESS_KEY = "S3RVER";
const SECRET_KEY = "S3RVER";
const REGION = "us-east-1";

/** A real S3-compatible server for tests (s3rver), on loopback, with its data in a temp folder. */
export interface TestS3Server {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** A bucket created at start. */
  bucket: string;
  /** A client of the real AWS SDK for this server. */
  client: S3Client;
  /** Another client (to observe one store's requests through its own middleware). */
  newClient(): S3Client;
  /**
   * The environment that points an app at this server: PAGEWISE_BLOB_URL (the bucket and
   * `prefix`), PAGEWISE_S3_ENDPOINT, PAGEWISE_S3_REGION and the AWS credential variables.
   */
  env(prefix?: string): Record<string, string>;
  /** Create another (empty) bucket; returns its name. */
  createBucket(): Promise<string>;
  /**
   * Make an object look written at `when` (its LastModified), as an object of a past crash: a
   * test can wait for no clock. s3rver takes LastModified from its file's mtime.
   */
  backdate(objectKey: string, when: Date, bucket?: string): void;
  /** An object's bytes as stored. */
  objectBytes(objectKey: string, bucket?: string): Promise<Buffer>;
  /** Every object key in a bucket (default: the one created at start) under `prefix`. */
  objectKeys(prefix?: string, bucket?: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTestS3Server(): Promise<TestS3Server> {
  const dir = mkdtempSync(join(tmpdir(), "pagewise-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const newClient = () =>
    new S3Client({
      region: REGION,
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const client = newClient();
  const createBucket = async () => {
    const name = `pw-${randomBytes(6).toString("hex")}`;
    await client.send(new CreateBucketCommand({ Bucket: name }));
    return name;
  };
  const bucket = await createBucket();
  return {
    endpoint,
    bucket,
    client,
    newClient,
    createBucket,
    env: (prefix = "") => ({
      PAGEWISE_BLOB_URL: `s3://${bucket}/${prefix}`,
      PAGEWISE_S3_ENDPOINT: endpoint,
      PAGEWISE_S3_REGION: REGION,
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
    }),
    backdate(objectKey, when, inBucket = bucket) {
      utimesSync(server.store.getResourcePath(inBucket, objectKey, "object"), when, when);
    },
    async objectBytes(objectKey, inBucket = bucket) {
      const answer = await client.send(new GetObjectCommand({ Bucket: inBucket, Key: objectKey }));
      return Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
    },
    async objectKeys(prefix = "", inBucket = bucket) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: inBucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
