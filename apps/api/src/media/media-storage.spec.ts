import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { loadConfig } from '../config.js';
import { DiskMediaStorage, createMediaStorage } from './media-storage.js';
import { S3MediaStorage } from './s3-media-storage.js';

const bytes = Buffer.from('not really an image, storage does not care');
const key = createHash('sha256').update(bytes).digest('hex');

async function read(stream: Readable | null): Promise<Buffer | null> {
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('DiskMediaStorage', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-disk-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores by key with fan-out, idempotently, and answers null for a missing key', async () => {
    const storage = new DiskMediaStorage(root);
    await storage.put(key, bytes);
    await storage.put(key, bytes);
    expect(await read(await storage.get(key))).toEqual(bytes);
    expect(await storage.get('0'.repeat(64))).toBeNull();
  });

  it('refuses keys that are not a sha256 (no path tricks)', async () => {
    const storage = new DiskMediaStorage(root);
    await expect(storage.put('../../etc/passwd', bytes)).rejects.toThrow(/Invalid media key/);
    await expect(storage.get(`${key}/..`)).rejects.toThrow(/Invalid media key/);
  });
});

/** A tiny stand-in for S3 on loopback: path-style PUT and GET of objects, NoSuchKey otherwise. */
function fakeS3(): Promise<{
  server: Server;
  url: string;
  objects: Map<string, { body: Buffer; type: string }>;
  requests: IncomingMessage[];
}> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = decodeURIComponent(new URL(request.url!, 'http://x').pathname);
      if (request.method === 'PUT') {
        objects.set(path, { body: Buffer.concat(chunks), type: String(request.headers['content-type']) });
        response.writeHead(200, { etag: '"x"' }).end();
        return;
      }
      const object = objects.get(path);
      if (request.method === 'GET' && object) {
        response.writeHead(200, { 'content-type': object.type, 'content-length': object.body.length }).end(object.body);
        return;
      }
      response
        .writeHead(404, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, requests });
    }),
  );
}

describe('S3MediaStorage (against a fake S3 on loopback)', () => {
  let fake: Awaited<ReturnType<typeof fakeS3>>;
  let storage: S3MediaStorage;
  beforeAll(async () => {
    fake = await fakeS3();
    storage = new S3MediaStorage({
      bucket: 'newsdesk-media',
      prefix: 'media/',
      region: 'us-east-1',
      endpoint: fake.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' },
    });
  });
  afterAll(async () => {
    storage.destroy();
    await new Promise((resolve) => fake.server.close(resolve));
  });

  it('puts objects path-style under the prefix, signed, with type and cache headers', async () => {
    await storage.put(key, bytes, 'image/png');
    const stored = fake.objects.get(`/newsdesk-media/media/${key}`);
    expect(stored?.body).toEqual(bytes);
    expect(stored?.type).toBe('image/png');
    const put = fake.requests.find((request) => request.method === 'PUT')!;
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test-key\//);
    expect(put.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('gets the bytes back as a stream, and null for a missing key', async () => {
    expect(await read(await storage.get(key))).toEqual(bytes);
    expect(await storage.get('f'.repeat(64))).toBeNull();
  });
});

describe('createMediaStorage', () => {
  const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/newsdesk' };
  it('uses the disk by default and S3 when S3_BUCKET is set', () => {
    expect(createMediaStorage(loadConfig(base)).kind).toBe('disk');
    const s3 = createMediaStorage(
      loadConfig({ ...base, S3_BUCKET: 'media', S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' }),
    );
    expect(s3.kind).toBe('s3');
    (s3 as S3MediaStorage).destroy();
  });

  it('wants the S3 keys together, and a bucket for any S3 setting', () => {
    expect(() => loadConfig({ ...base, S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'a' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...base, S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_BUCKET/);
  });
});
