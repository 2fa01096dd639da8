import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";

/** One multipart upload to a temp key: parts 2, 3, … as they fill, part 1 at the end. */
export class TempUpload {
  private readonly parts: { PartNumber: number; ETag: string }[] = [];
  private nextPart = 2;
  private completed = false;

  private constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    readonly key: string,
    private readonly uploadId: string,
  ) {}

  static async start(client: S3Client, bucket: string, key: string): Promise<TempUpload> {
    const started = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
    );
    if (!started.UploadId) throw new Error("S3 started a multipart upload without an id");
    return new TempUpload(client, bucket, key, started.UploadId);
  }

  sendPart(chunks: Uint8Array[]): Promise<void> {
    return this.send(chunks, this.nextPart++);
  }

  sendFirstPart(chunks: Uint8Array[]): Promise<void> {
    return this.send(chunks, 1);
  }

  private async send(chunks: Uint8Array[], partNumber: number): Promise<void> {
    const sent = await this.client.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        PartNumber: partNumber,
        Body: Buffer.concat(chunks),
      }),
    );
    if (!sent.ETag) throw new Error(`S3 answered part ${partNumber} without an ETag`);
    this.parts.push({ PartNumber: partNumber, ETag: sent.ETag });
  }

  async complete(): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: [...this.parts].sort((a, b) => a.PartNumber - b.PartNumber) },
      }),
    );
    this.completed = true;
  }

  /** Remove the temp object, or abort the upload that did not become one. */
  async discard(): Promise<void> {
    if (this.completed) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key }));
      return;
    }
    await this.client.send(
      new AbortMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
      }),
    );
  }
}
