import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { AudioEncoder, ffmpegPath } from '../audio/audio-encoder.js';
import { incomingDir, receiveToTempFile, removeQuietly, tempName } from '../audio/audio-ingest.js';
import type { EncodeQueue } from '../audio/audio-jobs.js';
import { AudioRepository } from '../audio/audio.repository.js';
import { AudioService } from '../audio/audio.service.js';
import { AuditService } from '../audit/audit.service.js';
import { VersionedWriter } from '../common/versioned-write.js';
import type { Config } from '../config.js';
import type { MediaStorage } from '../media/media-storage.js';
import { DemoRepository } from './demo.repository.js';

const run = promisify(execFile);

/** Seconds of tone per demo story, and the first story's pitch (each next one a fifth higher... roughly). */
const SECONDS = 4;
const FREQUENCIES = [220, 330, 440, 550, 660, 770, 880, 990];

/**
 * The demo's audio: a short sine tone per published demo story (FFmpeg's lavfi sine source, as a
 * WAV master), ingested through AudioService.ingest (the upload path), encoded to MP3 by the
 * encode pipeline's own handler (awaited here, so `npm start` shows ready, playable audio), and
 * attached as the story's primary audio (story_audio position 0; the story becomes a broadcast
 * piece). Idempotent: stories that have audio are left alone; the same tone again is the same asset.
 * Returns how many stories got audio.
 */
export async function loadDemoAudio(db: DataSource, storage: MediaStorage, config: Config): Promise<number> {
  const seed = new DemoRepository(db);
  const stories = await seed.publishedStoriesWithoutAudio();
  if (!stories.length) return 0;
  const repository = new AudioRepository(db);
  const queued: string[] = [];
  // The demo encodes directly (below) rather than through the pg-boss worker, so that start-up ends with ready audio.
  const queue: EncodeQueue = { enqueue: (_tx, ids) => Promise.resolve(void queued.push(...ids)) };
  const audio = new AudioService(repository, new VersionedWriter(db, new AuditService()), new AuditService(), storage, queue, config);
  const encoder = new AudioEncoder(repository, storage, config);
  const dir = incomingDir(config.MEDIA_DIR);
  await mkdir(dir, { recursive: true });
  let attached = 0;
  for (const [index, story] of stories.entries()) {
    const frequency = FREQUENCIES[index % FREQUENCIES.length] ?? 440;
    const wav = tempName(dir, 'wav');
    try {
      await run(ffmpegPath(config), [
        '-hide_banner',
        '-nostdin',
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `sine=frequency=${frequency}:duration=${SECONDS}:sample_rate=44100`,
        '-metadata',
        `title=${story.headline}`,
        '-c:a',
        'pcm_s16le',
        wav,
      ]);
      const received = await receiveToTempFile(createReadStream(wav), dir);
      const { asset } = await audio.ingest(
        received,
        `${story.slug}.wav`,
        { title: `${story.headline} (demo tone, ${frequency} Hz)` },
        null,
      );
      if (await seed.attachPrimaryAudio(story.id, asset.id, '')) attached++;
    } finally {
      await removeQuietly(wav);
    }
  }
  for (const renditionId of queued) await encoder.encode(renditionId);
  return attached;
}
