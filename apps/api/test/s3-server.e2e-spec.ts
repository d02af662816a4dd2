import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { startS3Server, type S3StandIn } from './support/s3-server.js';

/**
 * The S3 stand-in itself (test/support/s3-server.ts), driven by the AWS SDK directly: the request
 * shapes our storage does not send today (aws-chunked bodies with the SDK's default checksums,
 * HeadObject) are decoded and checked, and a wrong secret is refused.
 */
let s3: S3StandIn;

function client(overrides: { secretAccessKey?: string } = {}): S3Client {
  return new S3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: overrides.secretAccessKey ?? s3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_SUPPORTED',
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
});

it('decodes an aws-chunked streamed PutObject (the SDK default checksums), serves Head/Get/Range/Delete', async () => {
  const sdk = client();
  const bytes = randomBytes(300_000);
  await sdk.send(
    new PutObjectCommand({
      Bucket: s3.bucket,
      Key: 'a/b.bin',
      Body: Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)]),
      ContentLength: bytes.length,
    }),
  );
  const put = s3.requests.at(-1);
  console.log(`[figure] SDK default streamed PutObject: ${put?.contentSha256} ${put?.contentEncoding}`);
  expect(s3.violations).toEqual([]);
  // Its CRC32 trailer was checked against the decoded body.
  expect(put).toMatchObject({ contentSha256: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', trailer: 'x-amz-checksum-crc32' });
  expect(s3.objects.get('a/b.bin')?.body.equals(bytes)).toBe(true);
  const head = await sdk.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'a/b.bin' }));
  expect(head.ContentLength).toBe(bytes.length);
  const range = await sdk.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'a/b.bin', Range: 'bytes=-500' }));
  expect(range.ContentRange).toBe(`bytes ${bytes.length - 500}-${bytes.length - 1}/${bytes.length}`);
  expect(Buffer.from(await range.Body!.transformToByteArray()).equals(bytes.subarray(-500))).toBe(true);
  await expect(
    sdk.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'a/b.bin', Range: `bytes=${bytes.length}-` })),
  ).rejects.toMatchObject({
    name: 'InvalidRange',
    $metadata: { httpStatusCode: 416 },
  });
  await sdk.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: 'a/b.bin' }));
  const missing = await sdk.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'a/b.bin' })).catch((error: unknown) => error);
  expect(missing).toBeInstanceOf(S3ServiceException);
  expect(missing).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  await expect(sdk.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'a/b.bin' }))).rejects.toMatchObject({
    $metadata: { httpStatusCode: 404 },
  });
  sdk.destroy();
});

it('refuses a request signed with the wrong secret (403 SignatureDoesNotMatch)', async () => {
  const sdk = client({ secretAccessKey: 'not-the-secret' });
  await expect(sdk.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'x', Body: Buffer.from('x') }))).rejects.toMatchObject({
    name: 'SignatureDoesNotMatch',
    $metadata: { httpStatusCode: 403 },
  });
  expect(s3.objects.has('x')).toBe(false);
  // Recorded as a violation (what the storage tests assert never happens with the right keys).
  expect(s3.violations).toEqual([expect.stringContaining('signature mismatch')]);
  sdk.destroy();
});
