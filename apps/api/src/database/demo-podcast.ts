import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { MediaStorage } from '../media/media-storage.js';
import { encodePng } from '../media/png.js';
import { DemoScheduleRepository } from './demo-schedule.repository.js';

/** The demo podcast: Morning Edition's feed, with the published stories that aired in it as numbered episodes. */
const PROGRAM = 'morning-edition';
const EPISODES = ['kremlin-pitches-joint-fight-against-isis-to-trump', 'lavrov-leaves-door-open-to-washington', 'aleppo-after-the-siege'];
const ARTWORK = 1400;

/** Square podcast artwork (1400 × 1400, Apple's minimum): a warm gradient with a centred disc, like a radio dial. */
export function demoArtwork(): Buffer {
  const c = ARTWORK / 2;
  return encodePng(ARTWORK, ARTWORK, (x, y) => {
    const t = (x + y) / (2 * ARTWORK);
    const r = Math.hypot(x - c, y - c) / c;
    const ring = r > 0.55 && r < 0.6 ? 1 : 0;
    const disc = r < 0.42 ? 1 : 0;
    const base = [Math.round(200 - 80 * t), Math.round(60 + 40 * t), Math.round(40 + 90 * t)];
    return base.map((v) => (disc ? Math.min(255, v + 40) : ring ? 245 : v)) as [number, number, number];
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Loads the demo podcast once (when Morning Edition has no podcast settings): artwork as a media
 * record, the channel settings (enabled, News / Daily News, owner, author), and the published demo
 * stories of the morning rundown as the program's episodes 1, 2, 3. Their audio is the audio
 * demo's (story_audio); until a story has playable audio it is simply not in the feed.
 */
export async function loadDemoPodcast(db: DataSource, storage: MediaStorage): Promise<boolean> {
  const seed = new DemoScheduleRepository(db);
  const programId = await seed.programIdBySlug(PROGRAM);
  if (!programId || (await seed.podcastExists(programId))) return false;
  const artwork = demoArtwork();
  const hash = sha256(artwork);
  // Bytes first, outside the transaction: a media row never points at missing bytes.
  await storage.put(hash, artwork, 'image/png');
  await db.transaction(async (tx) => {
    const mediaId = await seed.insertArtwork(
      { sha256: hash, byteSize: artwork.length, width: ARTWORK, height: ARTWORK, originalName: 'morning-edition-podcast.png' },
      tx,
    );
    await seed.insertPodcast(
      {
        programId,
        title: 'Morning Edition',
        description:
          'The news to start your day: reporting from the newsroom and our correspondents, with the interviews that aired on Morning Edition.',
        artworkMediaId: mediaId,
        category: 'News',
        subcategory: 'Daily News',
        ownerName: 'Newsdesk Demo Radio',
        ownerEmail: 'podcasts@newsdesk.example',
        author: 'Newsdesk Demo Radio',
      },
      tx,
    );
    await seed.numberEpisodes(programId, EPISODES, tx);
  });
  return true;
}
