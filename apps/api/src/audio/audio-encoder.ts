import { Logger } from '@nestjs/common';
import { type AudioType, type RenditionProfile } from '@newsdesk/contracts';
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Config } from '../config.js';
import type { MediaStorage } from '../media/media-storage.js';
import { hashFile, incomingDir, readAudioFacts, receiveToTempFile, removeQuietly, tempName } from './audio-ingest.js';
import type { AudioRepository, RenditionRow } from './audio.repository.js';

/** The FFmpeg binary: FFMPEG_PATH, else the one @ffmpeg-installer/ffmpeg ships (resolved only when needed). */
export function ffmpegPath(config: Pick<Config, 'FFMPEG_PATH'>): string {
  if (config.FFMPEG_PATH) return config.FFMPEG_PATH;
  const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string };
  return installer.path;
}

/** FFmpeg's output options per encoded profile. */
const PROFILES: Record<Exclude<RenditionProfile, 'original'>, { args: (channels: number | null) => string[]; contentType: AudioType }> = {
  'mp3-128': {
    args: (channels) => ['-ac', String(Math.min(channels ?? 2, 2)), '-c:a', 'libmp3lame', '-b:a', '128k'],
    contentType: 'audio/mpeg',
  },
  'mp3-64-mono': { args: () => ['-ac', '1', '-c:a', 'libmp3lame', '-b:a', '64k'], contentType: 'audio/mpeg' },
};

/** How often progress is written at most (ms), and by how much it must have moved. */
const PROGRESS_EVERY_MS = 1000;
const HEARTBEAT_MS = 30_000;
const STDERR_KEEP = 8;
/** An encode that yields less than this share of the master's duration failed (a damaged master decodes to little or nothing). */
const MIN_DURATION_SHARE = 0.9;

export type EncodeOutcome = 'ready' | 'failed' | 'skipped';

/**
 * The encode job's work, one rendition at a time: FFmpeg reads the master (from the disk store
 * directly, or a temp copy from S3), writes an MP3 to a temp file while `-progress pipe:1` reports
 * how far it got (written to the rendition at most once a second), then the file is hashed, read
 * back for its duration and bitrate, stored content-addressed beside the masters, and the
 * rendition turns `ready`; any failure turns it `failed` with FFmpeg's last words. Called by the
 * pg-boss worker (AudioJobs) and directly by the demo seed.
 */
export class AudioEncoder {
  private readonly logger = new Logger('audio-encoder');
  /** FFmpeg processes running now (stopped when the API shuts down). */
  private readonly running = new Set<ReturnType<typeof spawn>>();
  private stopped = false;

  constructor(
    private readonly repository: AudioRepository,
    private readonly storage: MediaStorage,
    private readonly config: Pick<Config, 'FFMPEG_PATH' | 'MEDIA_DIR'>,
  ) {}

  /**
   * Stops the encodes under way (the API is shutting down): their renditions stay `encoding` and
   * their jobs fail, so pg-boss hands them to a worker again (which takes an `encoding` rendition).
   */
  stopAll(): void {
    this.stopped = true;
    for (const child of this.running) child.kill('SIGKILL');
  }

  async encode(renditionId: string): Promise<EncodeOutcome> {
    const rendition = await this.repository.startEncode(renditionId);
    if (!rendition || rendition.profile === 'original') return 'skipped';
    const asset = await this.repository.find(rendition.asset_id);
    if (!asset?.sha256) {
      await this.repository.failEncode(renditionId, 'The asset has no uploaded master to encode.');
      return 'failed';
    }
    const started = Date.now();
    // The heartbeat: a rendition `encoding` without one for a while belongs to a dead process (AudioJobs' sweep).
    const heartbeat = setInterval(() => void this.repository.touch(renditionId).catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    const dir = incomingDir(this.config.MEDIA_DIR);
    const temps: string[] = [];
    try {
      await mkdir(dir, { recursive: true });
      let input = await this.storage.localPath(asset.sha256);
      if (!input) {
        const stream = await this.storage.get(asset.sha256);
        if (!stream) throw new EncodeError('The master file is missing from storage.');
        const copy = await receiveToTempFile(stream, dir);
        temps.push(copy.path);
        input = copy.path;
      }
      const output = tempName(dir, 'mp3');
      temps.push(output);
      const profile = PROFILES[rendition.profile];
      const lastWords = await this.runFfmpeg(rendition, input, output, profile.args(asset.channels), asset.duration_ms);
      const facts = await readAudioFacts(output).catch(() => null);
      const durationMs = facts?.durationMs ?? null;
      if (asset.duration_ms && (durationMs === null || durationMs < asset.duration_ms * MIN_DURATION_SHARE)) {
        throw new EncodeError(
          `FFmpeg produced ${((durationMs ?? 0) / 1000).toFixed(1)} s of audio from a ${(asset.duration_ms / 1000).toFixed(1)} s master: its audio data is damaged.${lastWords ? `\n${lastWords}` : ''}`,
        );
      }
      const stored = await hashFile(output);
      await this.storage.putFile(stored.sha256, output, stored.byteSize, profile.contentType);
      await this.repository.finishEncode(renditionId, {
        sha256: stored.sha256,
        contentType: profile.contentType,
        byteSize: stored.byteSize,
        bitrate: facts?.bitrate ?? null,
        durationMs,
      });
      this.logger.log({ renditionId, profile: rendition.profile, ms: Date.now() - started, bytes: stored.byteSize }, 'audio encoded');
      return 'ready';
    } catch (error) {
      // Stopped by a shutdown: not the master's fault. The job fails, so pg-boss retries it later.
      if (this.stopped) throw error;
      const reason =
        error instanceof EncodeError ? error.message : `The encode failed: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.warn({ renditionId, reason }, 'audio encode failed');
      await this.repository.failEncode(renditionId, reason.slice(0, 4000));
      return 'failed';
    } finally {
      clearInterval(heartbeat);
      for (const file of temps) await removeQuietly(file);
    }
  }

  private runFfmpeg(rendition: RenditionRow, input: string, output: string, args: string[], durationMs: number | null): Promise<string> {
    const argv = ['-hide_banner', '-nostdin', '-v', 'warning', '-nostats', '-progress', 'pipe:1', '-y', '-i', input];
    argv.push('-map', '0:a:0', '-vn', ...args, '-f', 'mp3', output);
    return new Promise((resolve, reject) => {
      const child = spawn(ffmpegPath(this.config), argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.running.add(child);
      const stderr: string[] = [];
      let lastWrite = 0;
      let pending = '';
      let writing: Promise<void> = Promise.resolve();
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^out_time_(?:us|ms)=(\d+)/.exec(line);
          if (!match || !durationMs) continue;
          const now = Date.now();
          if (now - lastWrite < PROGRESS_EVERY_MS) continue;
          lastWrite = now;
          const progress = Math.min(0.99, Number(match[1]) / 1000 / durationMs);
          writing = writing.then(() => this.repository.progress(rendition.id, progress)).catch(() => undefined);
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr.push(...chunk.split('\n').filter((line) => line.trim()));
        if (stderr.length > 200) stderr.splice(0, stderr.length - STDERR_KEEP);
      });
      child.on('error', (error) => reject(new EncodeError(`FFmpeg could not be started: ${error.message}`)));
      child.on('close', (code, signal) => {
        this.running.delete(child);
        const lastWords = stderr.slice(-STDERR_KEEP).join('\n').trim();
        void writing.then(() => {
          if (code === 0) resolve(lastWords);
          else
            reject(
              new EncodeError(
                `FFmpeg stopped (${signal ? `signal ${signal}` : `exit code ${code}`}): ${lastWords || 'no message'}`.slice(0, 4000),
              ),
            );
        });
      });
    });
  }
}

class EncodeError extends Error {}
