import { Inject, Injectable } from '@nestjs/common';
import {
  APPLE_CATEGORIES,
  PODCAST_ARTWORK_MAX,
  PODCAST_ARTWORK_MIN,
  PODCAST_PAGE_SIZE,
  PodcastChaptersSchema,
  timeRundown,
  type PodcastCheck,
  type PodcastEpisodeList,
  type PodcastSettings,
  type UpdatePodcastSettingsInput,
} from '@newsdesk/contracts';
import { compactDiff } from '../audit/audit.diff.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { CONFIG, type Config } from '../config.js';
import { isAudioAvailable } from '../audio/audio-live.js';
import { isLive } from '../stories/story-live.js';
import type { StoryStatus } from '@newsdesk/contracts';
import { episodeImage, podcastFeed, type FeedPerson, type PodcastFeedItem } from './podcast-feed.js';
import { podcastGuid } from './podcast-guid.js';
import { PodcastsRepository, type EpisodeRow, type PodcastColumns, type PodcastRow } from './podcasts.repository.js';

/** Settings before the first save. */
const DEFAULTS: PodcastColumns = {
  enabled: false,
  title: '',
  description: '',
  artwork_media_id: null,
  category: null,
  subcategory: null,
  explicit: false,
  language: 'en-US',
  owner_name: '',
  owner_email: '',
  author: '',
  type: 'episodic',
  locked: false,
};

/** Contract field → column. */
const FIELDS: Record<string, keyof PodcastColumns> = {
  enabled: 'enabled',
  title: 'title',
  description: 'description',
  artworkMediaId: 'artwork_media_id',
  category: 'category',
  subcategory: 'subcategory',
  explicit: 'explicit',
  language: 'language',
  ownerName: 'owner_name',
  ownerEmail: 'owner_email',
  author: 'author',
  type: 'type',
  locked: 'locked',
};

function columnsOf(row: PodcastRow): PodcastColumns {
  const columns = { ...DEFAULTS };
  if (!row.saved) return columns;
  for (const column of Object.values(FIELDS)) {
    const value = row[column];
    if (value !== null) (columns as Record<string, unknown>)[column] = value;
  }
  columns.artwork_media_id = row.artwork_media_id;
  columns.category = row.category;
  columns.subcategory = row.subcategory;
  return columns;
}

/** Why an episode is not in the feed now (null: it is), by the same rules as the feed's SQL (LIVE, audio-live). */
function episodeReason(row: EpisodeRow, now: Date): string | null {
  if (!isLive(row.stored_status as StoryStatus, row.published_at, now)) return 'not live';
  if (!row.asset_id) return 'no primary audio';
  if (!row.playable) return 'primary audio not playable';
  if (!row.downloadable) return 'primary audio not downloadable';
  if (!row.streamable) return 'primary audio not streamable';
  if (!isAudioAvailable({ streamable: true, availableFrom: row.available_from, availableUntil: row.available_until }, now))
    return 'primary audio outside its availability window';
  return null;
}

export interface FeedBody {
  xml: string;
  /** The feed changes by itself then (its live item starts or ends). */
  validUntil?: number;
}

/**
 * Programs as podcasts: settings (versioned; defaults until first saved), the feed check, the
 * episode list, and the public feed and chapters. Every URL comes from configuration.
 */
@Injectable()
export class PodcastsService {
  constructor(
    private readonly repo: PodcastsRepository,
    private readonly writer: VersionedWriter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private feedUrl(slug: string): string {
    return `${this.config.PUBLIC_API_URL}/api/public/programs/${slug}/podcast.rss`;
  }

  private artworkUrl(mediaId: string | null): string | null {
    return mediaId ? `${this.config.PUBLIC_API_URL}/api/media/${mediaId}` : null;
  }

  private toDto(row: PodcastRow): PodcastSettings {
    const c = columnsOf(row);
    const feedUrl = this.feedUrl(row.program_slug);
    return {
      programId: row.program_id,
      enabled: c.enabled,
      title: c.title,
      description: c.description,
      artworkMediaId: c.artwork_media_id,
      category: c.category,
      subcategory: c.subcategory,
      explicit: c.explicit,
      language: c.language,
      ownerName: c.owner_name,
      ownerEmail: c.owner_email,
      author: c.author,
      type: c.type,
      locked: c.locked,
      guid: podcastGuid(feedUrl),
      feedUrl,
      artworkUrl: this.artworkUrl(c.artwork_media_id),
      version: row.version,
      updatedAt: row.updated_at?.toISOString() ?? null,
    };
  }

  private async find(programId: string): Promise<PodcastRow> {
    const row = await this.repo.settings(programId);
    if (!row) throw new NotFoundError('Program');
    return row;
  }

  async get(programId: string): Promise<PodcastSettings> {
    return this.toDto(await this.find(programId));
  }

  /** Versioned (version 1 until first saved: that save inserts); artwork and subcategory checked against the merged settings. */
  async update(programId: string, input: UpdatePodcastSettingsInput, actor: Principal): Promise<PodcastSettings> {
    await this.writer.write({
      what: 'podcast',
      version: input.version,
      lock: (tx) => this.repo.lock(tx, programId),
      changedSince: async (_tx, row, version) =>
        Object.entries(row.field_versions)
          .filter(([, v]) => v > version)
          .map(([field]) => field),
      apply: async (tx, row) => {
        const before = columnsOf(row);
        const after = { ...before };
        for (const [field, column] of Object.entries(FIELDS)) {
          const value = (input as Record<string, unknown>)[field];
          if (value !== undefined) (after as Record<string, unknown>)[column] = value;
        }
        const errors: Array<{ field: string; message: string }> = [];
        if (after.subcategory && !(after.category && (APPLE_CATEGORIES[after.category] ?? []).includes(after.subcategory)))
          errors.push({ field: 'subcategory', message: 'Choose a subcategory of the category' });
        if (after.artwork_media_id && after.artwork_media_id !== before.artwork_media_id) {
          const media = await this.repo.media(tx, after.artwork_media_id);
          const problem = !media
            ? 'No image with this id'
            : !['image/jpeg', 'image/png'].includes(media.content_type)
              ? `Podcast artwork is a JPEG or PNG (this is ${media.content_type})`
              : media.width !== media.height
                ? `Podcast artwork is square (this is ${media.width}×${media.height})`
                : media.width < PODCAST_ARTWORK_MIN || media.width > PODCAST_ARTWORK_MAX
                  ? `Podcast artwork is ${PODCAST_ARTWORK_MIN} to ${PODCAST_ARTWORK_MAX} pixels a side (this is ${media.width})`
                  : null;
          if (problem) errors.push({ field: 'artworkMediaId', message: problem });
        }
        if (errors.length) throw new ValidationError(errors);
        const changed = Object.entries(FIELDS)
          .filter(([, column]) => JSON.stringify(before[column]) !== JSON.stringify(after[column]))
          .map(([field]) => field);
        await this.repo.save(tx, programId, after, changed, actor.userId);
        return compactDiff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, FIELDS_BY_COLUMN);
      },
      audit: (_row, diff) => ({ actor, action: 'update', entity: 'podcast', entityId: programId, diff }),
    });
    return this.get(programId);
  }

  /** The program's stories as episodes: in the feed now, or why not. */
  async episodes(programId: string): Promise<PodcastEpisodeList> {
    await this.find(programId);
    const now = new Date();
    const rows = await this.repo.episodes(programId);
    return {
      items: rows.map((row) => {
        const reason = episodeReason(row, now);
        return {
          storyId: row.id,
          slug: row.slug,
          headline: row.headline,
          status: row.status,
          publishedAt: row.published_at?.toISOString() ?? null,
          season: row.episode_season,
          episode: row.episode_number,
          episodeType: row.episode_type,
          durationSeconds: row.duration_ms === null ? null : row.duration_ms / 1000,
          inFeed: reason === null,
          reason,
        };
      }),
    };
  }

  /** What Apple Podcasts or Podcast Index would reject (errors), and what is advised (warnings). */
  async check(programId: string): Promise<PodcastCheck> {
    const row = await this.find(programId);
    const c = columnsOf(row);
    const { items: episodes } = await this.episodes(programId);
    const inFeed = episodes.filter((episode) => episode.inFeed);
    const items: PodcastCheck['items'] = [];
    const error = (field: string, message: string) => items.push({ severity: 'error', field, message });
    const warning = (field: string, message: string) => items.push({ severity: 'warning', field, message });
    if (!c.enabled) error('enabled', 'The feed is disabled: its URL answers 404');
    if (!c.artwork_media_id)
      error('artworkMediaId', `Artwork is required: a square JPEG or PNG, ${PODCAST_ARTWORK_MIN} to ${PODCAST_ARTWORK_MAX} px`);
    if (!c.category) error('category', 'Choose an Apple Podcasts category');
    if (!c.owner_email) error('ownerEmail', 'An owner email is required (Apple and Podcast Index verify ownership with it)');
    if (!(c.description || row.program_description).trim()) error('description', 'A description is required');
    if (!inFeed.length) error('episodes', 'No episode is in the feed yet (a live story of the program with playable, downloadable audio)');
    if (!c.author) warning('author', 'No author: Apple shows the owner instead');
    if (!c.owner_name) warning('ownerName', 'No owner name');
    if (c.category && !c.subcategory && (APPLE_CATEGORIES[c.category] ?? []).length)
      warning('subcategory', 'A subcategory helps listeners find it');
    const noDuration = inFeed.filter((episode) => episode.durationSeconds === null).length;
    if (noDuration) warning('episodes', `${noDuration} episode(s) without a duration`);
    const outside = episodes.filter((episode) => episode.status === 'published' && !episode.inFeed).length;
    if (outside)
      warning('episodes', `${outside} published stor${outside === 1 ? 'y is' : 'ies are'} not in the feed (see the episode list)`);
    return {
      ok: !items.some((item) => item.severity === 'error'),
      episodeCount: inFeed.length,
      feedUrl: this.feedUrl(row.program_slug),
      items,
    };
  }

  /** The public feed's page `page` (null: no such enabled podcast, or a page past the end). */
  async feed(slug: string, page: number): Promise<FeedBody | null> {
    const row = await this.repo.enabledBySlug(slug);
    if (!row) return null;
    const c = columnsOf(row);
    const api = this.config.PUBLIC_API_URL;
    const [items, hosts, live] = await Promise.all([
      this.repo.feedItems(row.program_id, page, api),
      this.repo.hosts(row.program_id),
      this.repo.nextLiveSlot(row.program_id),
    ]);
    const total = items.length ? Number(items[0]?.total) : page === 1 ? 0 : null;
    if (total === null) return null;
    const pages = Math.max(1, Math.ceil(total / PODCAST_PAGE_SIZE));
    const feedUrl = this.feedUrl(row.program_slug);
    const pageUrl = (n: number) => (n === 1 ? feedUrl : `${feedUrl}?page=${n}`);
    const storyUrl = (storySlug: string) => this.config.STORY_URL_TEMPLATE.replace('{slug}', storySlug);
    const feedItems: PodcastFeedItem[] = items.map((item) => {
      const transcriptBase = `${api}/api/public/stories/${item.slug}`;
      const people: FeedPerson[] = [
        ...item.bylines.map((b): FeedPerson => ({
          name: b.name,
          role: 'reporter',
          href: b.slug ? `${api}/api/public/correspondents/${b.slug}` : null,
        })),
        ...item.speakers.map((p): FeedPerson => ({ name: p.name, role: 'guest', href: `${api}/api/public/people/${p.slug}` })),
      ];
      return {
        guid: item.id,
        title: item.headline,
        link: storyUrl(item.slug),
        description: item.teaser || item.headline,
        pubDate: item.published_at,
        enclosure: { url: item.url, length: Number(item.byte_size ?? 0), type: item.content_type },
        durationSeconds: item.duration_ms === null ? null : item.duration_ms / 1000,
        season: item.episode_season,
        episode: item.episode_number,
        episodeType: item.episode_type,
        transcripts: item.has_transcript
          ? [
              ...(item.has_timed_transcript
                ? [
                    { url: `${transcriptBase}/transcript.vtt`, type: 'text/vtt' },
                    { url: `${transcriptBase}/transcript.json`, type: 'application/json' },
                    { url: `${transcriptBase}/transcript.srt`, type: 'application/x-subrip' },
                  ]
                : []),
              { url: `${transcriptBase}/transcript.html`, type: 'text/html' },
              { url: `${transcriptBase}/transcript.txt`, type: 'text/plain' },
            ]
          : [],
        people,
        chaptersUrl: item.has_chapters ? `${transcriptBase}/chapters.json` : null,
        image: episodeImage(item.lead_image, api),
      };
    });
    const xml = podcastFeed(
      {
        title: c.title || row.program_name,
        link: this.config.PUBLIC_SITE_URL ?? `${api}/api/public/stories?program=${row.program_slug}`,
        description: c.description || row.program_description || c.title || row.program_name,
        language: c.language,
        selfUrl: pageUrl(page),
        paging:
          pages > 1
            ? {
                first: pageUrl(1),
                last: pageUrl(pages),
                next: page < pages ? pageUrl(page + 1) : null,
                prev: page > 1 ? pageUrl(page - 1) : null,
              }
            : null,
        imageUrl: this.artworkUrl(c.artwork_media_id),
        category: c.category,
        subcategory: c.subcategory,
        explicit: c.explicit,
        ownerName: c.owner_name,
        ownerEmail: c.owner_email,
        author: c.author,
        type: c.type,
        guid: podcastGuid(feedUrl),
        locked: c.locked,
        lastBuildDate: items[0]?.published_at ?? row.updated_at ?? new Date(0),
        hosts: hosts.map((h) => ({
          name: h.name,
          role: 'host',
          href: h.correspondent_slug ? `${api}/api/public/correspondents/${h.correspondent_slug}` : null,
        })),
        liveItem: live
          ? {
              guid: `${live.id}`,
              title: `${c.title || row.program_name} live on ${live.call_sign}`,
              status: live.live ? 'live' : 'pending',
              start: live.starts_at,
              end: live.ends_at,
              streamUrl: live.stream_url,
            }
          : null,
      },
      feedItems,
    );
    return live ? { xml, validUntil: (live.live ? live.ends_at : live.starts_at).getTime() } : { xml };
  }

  /**
   * podcast:chapters JSON 1.2.0 of a live story's aired segment (null: none). From its as-run log
   * when it has one (what aired, at the times it aired, from the first take), else from the planned
   * rundown (front-timed from the segment's start). Checked against the contract before it is sent.
   */
  async chapters(slug: string): Promise<string | null> {
    const aired = await this.repo.asRunChapters(slug);
    if (aired.length) {
      return JSON.stringify(
        PodcastChaptersSchema.parse({
          version: '1.2.0',
          chapters: aired.map((take) => ({
            startTime: Number(take.start_seconds),
            title: take.title,
            ...(take.end_seconds === null ? {} : { endTime: Number(take.end_seconds) }),
          })),
        }),
      );
    }
    const items = await this.repo.chapters(slug);
    const first = items[0];
    if (!first) return null;
    const timing = timeRundown(
      0,
      first.segment_seconds * 1000,
      items.map((item) => ({ durationSeconds: item.duration_seconds })),
    );
    return JSON.stringify(
      PodcastChaptersSchema.parse({
        version: '1.2.0',
        chapters: items.map((item, i) => ({ startTime: (timing.items[i]?.startsAt ?? 0) / 1000, title: item.title })),
      }),
    );
  }
}

const FIELDS_BY_COLUMN: Record<string, string> = Object.fromEntries(Object.entries(FIELDS).map(([field, column]) => [column, field]));
