// Stories with their bylines, tags, corrections, old slugs and (for a share of them) broadcast
// transcripts. Generated in batches; each batch is COPYed on one of several connections while the
// next batch is being generated, so Node and PostgreSQL (which computes the search vectors) overlap.
import { randomUUID } from 'node:crypto';
import { slugify } from '@newsdesk/contracts';
import { storyText, transcript } from './content.js';
import { copyRows } from './copy.js';

const MINUTE = 60_000;
const BATCH = 500;

const STORY_COLUMNS = [
  'id',
  'slug',
  'headline',
  'teaser',
  'dateline',
  'body_html',
  'credit',
  'status',
  'published_at',
  'created_at',
  'updated_at',
  'body',
  'body_text',
  'transcript_text',
  'lead_image_id',
];
const TURN_COLUMNS = [
  'story_id',
  'position',
  'person_id',
  'unidentified',
  'unidentified_number',
  'role',
  'title',
  'annotation',
  'text',
  'cue',
  'label',
  'rendered_label',
];

/**
 * @typedef {object} StoryOptions
 * @property {number} count published stories
 * @property {number} drafts extra stories that are not public (drafts, unpublished, scheduled a year ahead)
 * @property {Array<{ id: string, person: any, title: string }>} correspondents
 * @property {Array<{ id: string }>} tags
 * @property {any[]} newsmakers people who are not staff
 * @property {number} transcriptShare share of published stories with a transcript
 * @property {number} turns turns per transcript
 * @property {number} bodyBytes body HTML size
 * @property {boolean} withTranscripts whether the transcript_turns table exists
 * @property {string[]} images media ids to pick lead photos from
 * @property {number} leadImageShare share of stories with a lead photo
 * @property {(done: number) => void} onProgress
 */

/**
 * @param {import('pg').ClientBase[]} writers connections to COPY on, in turn
 * @param {import('./random.js').Random} random
 * @param {StoryOptions} options
 * @returns {Promise<{ liveIds: string[], rows: Record<string, number> }>} the newest live story ids, and row counts
 */
export async function copyStories(writers, random, options) {
  const {
    count,
    drafts,
    correspondents,
    tags,
    newsmakers,
    transcriptShare,
    turns,
    bodyBytes,
    withTranscripts,
    images,
    leadImageShare,
    onProgress,
  } = options;
  const hosts = correspondents.filter((c) => c.title === 'Host');
  const total = count + drafts;
  const draftEvery = drafts ? Math.max(1, Math.floor(total / drafts)) : Infinity;
  const slugs = new Set();
  const now = Date.now();
  const step = 50 * MINUTE;
  const liveIds = [];
  const rows = {
    stories: 0,
    story_bylines: 0,
    story_tags: 0,
    transcript_turns: 0,
    story_corrections: 0,
    story_slug_redirects: 0,
    audio_assets: 0,
    story_audio: 0,
  };
  const pending = new Map(writers.map((w) => [w, Promise.resolve()]));

  let published = 0;
  let hidden = 0;
  for (let start = 0, batchNo = 0; start < total; start += BATCH, batchNo++) {
    const batch = {
      stories: [],
      story_bylines: [],
      story_tags: [],
      transcript_turns: [],
      story_corrections: [],
      story_slug_redirects: [],
      audio_assets: [],
      story_audio: [],
    };
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const isPublic = !(published >= count || (hidden < drafts && (i + 1) % draftEvery === 0));
      if (!isPublic) hidden++;
      const id = randomUUID();
      // A tenth of the bodies have an uploaded photo (the story JSON's `images`). Not an external URL
      // yet: the API's IMAGES fragment casts every image src to uuid before the join's regex filter
      // applies, so such a story answers 400 (API and baseline alike; reported, see docs/performance.md).
      const bodyImage = images.length && random.chance(0.1) ? `/api/media/${random.pick(images)}` : null;
      const text = storyText(random, bodyBytes, bodyImage);
      let slug = slugify(text.headline.split(' ').slice(0, 8).join(' '));
      if (slugs.has(slug)) slug = `${slug}-${i.toString(36)}`;
      slugs.add(slug);

      let status = 'draft';
      let publishedAt = null;
      if (isPublic) {
        status = 'published';
        publishedAt = new Date(now - 10 * MINUTE - published * step - random.int(step));
        published++;
        if (liveIds.length < 5000) liveIds.push(id);
      } else if (random.chance(0.2)) {
        status = 'unpublished';
        publishedAt = new Date(now - random.int(3650) * 1440 * MINUTE);
      } else if (random.chance(0.02)) {
        status = 'scheduled';
        publishedAt = new Date(now + (300 + random.int(60)) * 1440 * MINUTE);
      }
      const created = new Date((publishedAt?.getTime() ?? now - random.int(30) * 1440 * MINUTE) - 60 * MINUTE);
      const updated = publishedAt ? new Date(publishedAt.getTime() + random.int(120) * MINUTE) : created;

      const bylineCount = random.chance(0.6) ? 1 : random.chance(0.75) ? 2 : 3;
      const bylines = new Set();
      while (bylines.size < bylineCount) bylines.add(correspondents[random.zipf(correspondents.length, 0.5, 10)]);
      [...bylines].forEach((c, position) => batch.story_bylines.push([id, c.id, position]));
      const tagCount = random.between(3, 7);
      const chosenTags = new Set();
      while (chosenTags.size < tagCount) chosenTags.add(tags[random.zipf(tags.length, 0.9, 30)].id);
      [...chosenTags].forEach((tagId, position) => batch.story_tags.push([id, tagId, position]));

      let transcriptText = '';
      if (isPublic && random.chance(transcriptShare)) {
        const cast = new Set();
        while (cast.size < random.between(2, 3)) cast.add(newsmakers[random.zipf(newsmakers.length, 0.8, 20)]);
        const made = transcript(random, {
          turnCount: turns,
          terms: text.terms,
          host: random.pick(hosts).person,
          reporter: [...bylines][0].person,
          newsmakers: [...cast],
        });
        transcriptText = made.text;
        // The aired piece's audio: an external MP3 (as stations' CDN-hosted audio is), the story's primary audio.
        const assetId = randomUUID();
        batch.audio_assets.push([
          assetId,
          'external',
          `https://audio.example.org/${slug}.mp3`,
          'audio/mpeg',
          random.between(180, 600) * 1000,
        ]);
        batch.story_audio.push([id, 0, assetId, '']);
        if (withTranscripts) {
          for (const t of made.rows) {
            batch.transcript_turns.push(
              'cue' in t
                ? [id, t.position, null, null, null, null, null, null, null, t.cue, null, null]
                : [
                    id,
                    t.position,
                    t.personId,
                    t.unidentified?.descriptor ?? null,
                    t.unidentified?.number ?? null,
                    t.role,
                    t.title,
                    t.annotation,
                    t.text,
                    null,
                    t.label,
                    t.renderedLabel,
                  ],
            );
          }
        }
      }
      batch.stories.push([
        id,
        slug,
        text.headline,
        text.teaser,
        text.dateline,
        text.bodyHtml,
        transcriptText ? 'Transcript by the newsroom.' : '',
        status,
        publishedAt,
        created,
        updated,
        text.doc,
        text.bodyText,
        transcriptText,
        images.length && random.chance(leadImageShare) ? random.pick(images) : null,
      ]);
      if (isPublic && random.chance(0.01))
        batch.story_corrections.push([
          randomUUID(),
          id,
          'An earlier version of this story misstated a date.',
          new Date(updated.getTime() + 3 * 60 * MINUTE),
        ]);
      if (random.chance(0.01)) batch.story_slug_redirects.push([`earlier-${slug}`.slice(0, 120), id]);
    }
    const writer = writers[batchNo % writers.length];
    const previous = pending.get(writer);
    await previous;
    pending.set(
      writer,
      writeBatch(writer, batch, rows).then(() => onProgress(rows.stories)),
    );
  }
  await Promise.all(pending.values());
  return { liveIds, rows };
}

const CHILD_COLUMNS = {
  story_bylines: ['story_id', 'correspondent_id', 'position'],
  story_tags: ['story_id', 'tag_id', 'position'],
  transcript_turns: TURN_COLUMNS,
  story_corrections: ['id', 'story_id', 'text', 'corrected_at'],
  story_slug_redirects: ['slug', 'story_id'],
  audio_assets: ['id', 'kind', 'external_url', 'content_type', 'duration_ms'],
  story_audio: ['story_id', 'position', 'asset_id', 'title'],
};

/**
 * The stories first, then the rows that reference them.
 * @param {import('pg').ClientBase} client @param {Record<string, unknown[][]>} batch @param {Record<string, number>} rows
 */
async function writeBatch(client, batch, rows) {
  for (const [table, columns] of [['stories', STORY_COLUMNS], ...Object.entries(CHILD_COLUMNS)]) {
    if (!batch[table].length) continue;
    const written = await copyRows(client, table, columns, batch[table]);
    rows[table] += written;
  }
}
