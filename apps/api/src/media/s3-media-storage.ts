import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StorageUnavailableError } from '../common/errors.js';
import type { MediaStorage } from './media-storage.js';
import { assertMediaKey } from './media-storage.js';

export interface S3MediaStorageOptions {
  bucket: string;
  /** Key prefix inside the bucket ("media/"). */
  prefix: string;
  region: string;
  /** For S3-compatible servers (MinIO, Ceph, R2 ...); absent for AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  /**
   * Connect timeout and socket idle timeout (ms). The SDK's default is none: a bucket that accepts
   * the connection and then says nothing would hang the upload or the download for ever.
   */
  timeoutMs?: number;
  /** Absent: the SDK's default chain (environment, instance role ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Media bytes in an S3-compatible bucket (AWS S3, MinIO). */
export class S3MediaStorage implements MediaStorage {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly options: S3MediaStorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Many S3-compatible servers reject the SDK's newer default checksums; send them only when required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { connectionTimeout: options.timeoutMs ?? 30_000, socketTimeout: options.timeoutMs ?? 30_000 },
    });
  }

  private key(key: string): string {
    assertMediaKey(key);
    return `${this.options.prefix}${key}`;
  }

  /** One request to the bucket; a refusal, a failure or silence is the storage being unavailable (503). */
  private async send<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.send(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.key(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      ),
    );
  }

  /** One streamed PutObject (S3 takes up to 5 GB that way; audio is capped by AUDIO_MAX_BYTES). */
  async putFile(key: string, file: string, byteSize: number, contentType: string): Promise<void> {
    await this.send(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.key(key),
          Body: createReadStream(file),
          ContentType: contentType,
          ContentLength: byteSize,
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      ),
    );
  }

  get(key: string): Promise<Readable | null> {
    return this.read(key);
  }

  /** A ranged GetObject: only the asked bytes travel. */
  getRange(key: string, start: number, end: number): Promise<Readable | null> {
    return this.read(key, `bytes=${start}-${end}`);
  }

  localPath(): Promise<string | null> {
    return Promise.resolve(null);
  }

  private async read(key: string, range?: string): Promise<Readable | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Range: range }));
      const body = object.Body;
      if (!body) return null;
      return body instanceof Readable ? body : Readable.from(Buffer.from(await body.transformToByteArray()));
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)) return null;
      throw new StorageUnavailableError(error);
    }
  }

  async delete(key: string): Promise<void> {
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) })));
  }

  destroy(): void {
    this.client.destroy();
  }
}
