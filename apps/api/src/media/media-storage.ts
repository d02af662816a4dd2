import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.js';
import { S3MediaStorage } from './s3-media-storage.js';

/**
 * Where media bytes live, keyed by their sha256 (hex). Writes are idempotent (the same key always
 * holds the same bytes), so no locking is needed between API processes.
 */
export interface MediaStorage {
  readonly kind: 'disk' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Stores a local file's bytes (streamed, never held in memory: audio masters and renditions); the file stays where it is. */
  putFile(key: string, file: string, byteSize: number, contentType: string): Promise<void>;
  /** The stored bytes as a stream, or null when nothing is stored under the key. */
  get(key: string): Promise<Readable | null>;
  /** Bytes start..end (inclusive) as a stream (HTTP Range requests), or null when nothing is stored under the key. */
  getRange(key: string, start: number, end: number): Promise<Readable | null>;
  /** A path on this machine's disk holding the bytes, when the storage is local (FFmpeg reads it directly); null otherwise. */
  localPath(key: string): Promise<string | null>;
  /** Removes the bytes (nothing when none are stored): for an upload whose record was not committed. */
  delete(key: string): Promise<void>;
}

/** Injection token of the MediaStorage. */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

const KEY = /^[0-9a-f]{64}$/;

export function assertMediaKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Invalid media key: ${JSON.stringify(key)}`);
}

/** Local disk under MEDIA_DIR, two levels of fan-out: ab/cd/abcd…. */
export class DiskMediaStorage implements MediaStorage {
  readonly kind = 'disk';
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private file(key: string): string {
    assertMediaKey(key);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.file(key);
    if (await exists(file)) return;
    await mkdir(path.dirname(file), { recursive: true });
    // Write aside, then rename: a reader never sees a half-written file.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /** A hard link when the file is on the same disk (no copy), else a copy aside and a rename. */
  async putFile(key: string, source: string): Promise<void> {
    const file = this.file(key);
    if (await exists(file)) return;
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await link(source, file);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      if (code !== 'EXDEV' && code !== 'EPERM') throw error;
    }
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await copyFile(source, temp);
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.file(key);
    return (await exists(file)) ? createReadStream(file) : null;
  }

  async getRange(key: string, start: number, end: number): Promise<Readable | null> {
    const file = this.file(key);
    return (await exists(file)) ? createReadStream(file, { start, end }) : null;
  }

  async localPath(key: string): Promise<string | null> {
    const file = this.file(key);
    return (await exists(file)) ? file : null;
  }

  async delete(key: string): Promise<void> {
    await unlink(this.file(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** S3-compatible storage when S3_BUCKET is set, else the local disk under MEDIA_DIR. */
export function createMediaStorage(config: Config): MediaStorage {
  if (!config.S3_BUCKET) return new DiskMediaStorage(config.MEDIA_DIR);
  return new S3MediaStorage({
    bucket: config.S3_BUCKET,
    prefix: config.S3_PREFIX,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    timeoutMs: config.S3_TIMEOUT_MS,
    forcePathStyle: config.S3_FORCE_PATH_STYLE ? config.S3_FORCE_PATH_STYLE === 'true' : Boolean(config.S3_ENDPOINT),
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
}
