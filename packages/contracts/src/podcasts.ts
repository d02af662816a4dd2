import { z } from 'zod';
import { IdSchema, VersionSchema } from './common.js';
import { EpisodeTypeSchema } from './audio.js';

/**
 * A program as a podcast: its channel settings, the check of what Apple Podcasts and Podcast Index
 * would reject, and its episodes (each live story of the program whose primary audio is playable,
 * downloadable and in its window). The feed: `GET /api/public/programs/{slug}/podcast.rss`.
 */

/** Apple Podcasts categories (top level) with their subcategories, as Apple lists them. */
export const APPLE_CATEGORIES: Record<string, readonly string[]> = {
  Arts: ['Books', 'Design', 'Fashion & Beauty', 'Food', 'Performing Arts', 'Visual Arts'],
  Business: ['Careers', 'Entrepreneurship', 'Investing', 'Management', 'Marketing', 'Non-Profit'],
  Comedy: ['Comedy Interviews', 'Improv', 'Stand-Up'],
  Education: ['Courses', 'How To', 'Language Learning', 'Self-Improvement'],
  Fiction: ['Comedy Fiction', 'Drama', 'Science Fiction'],
  Government: [],
  History: [],
  'Health & Fitness': ['Alternative Health', 'Fitness', 'Medicine', 'Mental Health', 'Nutrition', 'Sexuality'],
  'Kids & Family': ['Education for Kids', 'Parenting', 'Pets & Animals', 'Stories for Kids'],
  Leisure: ['Animation & Manga', 'Automotive', 'Aviation', 'Crafts', 'Games', 'Hobbies', 'Home & Garden', 'Video Games'],
  Music: ['Music Commentary', 'Music History', 'Music Interviews'],
  News: ['Business News', 'Daily News', 'Entertainment News', 'News Commentary', 'Politics', 'Sports News', 'Tech News'],
  'Religion & Spirituality': ['Buddhism', 'Christianity', 'Hinduism', 'Islam', 'Judaism', 'Religion', 'Spirituality'],
  Science: [
    'Astronomy',
    'Chemistry',
    'Earth Sciences',
    'Life Sciences',
    'Mathematics',
    'Natural Sciences',
    'Nature',
    'Physics',
    'Social Sciences',
  ],
  'Society & Culture': ['Documentary', 'Personal Journals', 'Philosophy', 'Places & Travel', 'Relationships'],
  Sports: [
    'Baseball',
    'Basketball',
    'Cricket',
    'Fantasy Sports',
    'Football',
    'Golf',
    'Hockey',
    'Rugby',
    'Running',
    'Soccer',
    'Swimming',
    'Tennis',
    'Volleyball',
    'Water Sports',
    'Wilderness',
    'Wrestling',
  ],
  Technology: [],
  'True Crime': [],
  'TV & Film': ['After Shows', 'Film History', 'Film Interviews', 'Film Reviews', 'TV Reviews'],
};

/** Artwork bounds Apple requires: square, 1400 to 3000 pixels a side (JPEG or PNG). */
export const PODCAST_ARTWORK_MIN = 1400;
export const PODCAST_ARTWORK_MAX = 3000;
/** Items per feed page; older episodes are on the next page (`?page=2`), linked by `podcast:` paging-style atom links. */
export const PODCAST_PAGE_SIZE = 300;

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} has at most ${max.toLocaleString('en-US')} characters`);

export const PodcastSettingsFieldsSchema = z.strictObject({
  /** Whether the feed is published at all (off: the feed URL answers 404). */
  enabled: z.boolean(),
  /** Channel title (empty: the program's name). */
  title: text('A title', 200),
  /** Channel description (empty: the program's description); plain text. */
  description: text('A description', 4000),
  /** An uploaded image (`/api/media`), square, 1400 to 3000 px. */
  artworkMediaId: IdSchema.nullable(),
  category: z
    .string()
    .refine((value) => value in APPLE_CATEGORIES, 'Choose one of Apple Podcasts\u2019 categories')
    .nullable(),
  subcategory: z.string().max(100).nullable(),
  explicit: z.boolean(),
  /** BCP 47 language tag, e.g. en-US. */
  language: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A language tag such as en or en-US'),
  ownerName: text('An owner name', 200),
  ownerEmail: z.union([z.literal(''), z.email('An email address').max(254)]),
  author: text('An author', 200),
  type: z.enum(['episodic', 'serial']),
  /** podcast:locked: other platforms may not import this feed. */
  locked: z.boolean(),
});

export const UpdatePodcastSettingsSchema = PodcastSettingsFieldsSchema.partial()
  .extend({ version: VersionSchema })
  .refine(
    (value) => !value.subcategory || (value.category != null && (APPLE_CATEGORIES[value.category] ?? []).includes(value.subcategory)),
    { message: 'Choose a subcategory of the category', path: ['subcategory'] },
  );
export type UpdatePodcastSettingsInput = z.input<typeof UpdatePodcastSettingsSchema>;

export const PodcastSettingsSchema = PodcastSettingsFieldsSchema.extend({
  programId: IdSchema,
  category: z.string().nullable(),
  /** podcast:guid: UUIDv5 of the feed URL (without scheme and trailing slash), per the Podcasting 2.0 namespace. */
  guid: z.string(),
  /** The public feed's absolute URL. */
  feedUrl: z.string(),
  artworkUrl: z.string().nullable(),
  /** 1 until first saved. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type PodcastSettings = z.infer<typeof PodcastSettingsSchema>;

/** One finding of the feed check: `error` would be rejected by Apple/Podcast Index, `warning` is advised. */
export const PodcastCheckItemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** The setting (or `episodes`) it concerns. */
  field: z.string(),
  message: z.string(),
});
export const PodcastCheckSchema = z.object({
  ok: z.boolean(),
  episodeCount: z.number().int(),
  feedUrl: z.string(),
  items: z.array(PodcastCheckItemSchema),
});
export type PodcastCheck = z.infer<typeof PodcastCheckSchema>;

export const PodcastEpisodeSchema = z.object({
  storyId: IdSchema,
  slug: z.string(),
  headline: z.string(),
  status: z.string(),
  publishedAt: z.string().nullable(),
  season: z.number().int().nullable(),
  episode: z.number().int().nullable(),
  episodeType: EpisodeTypeSchema,
  durationSeconds: z.number().nullable(),
  /** In the public feed now; else why not (not live, no primary audio, not playable, not downloadable, outside its window). */
  inFeed: z.boolean(),
  reason: z.string().nullable(),
});
export const PodcastEpisodeListSchema = z.object({ items: z.array(PodcastEpisodeSchema) });
export type PodcastEpisodeList = z.infer<typeof PodcastEpisodeListSchema>;

export const PodcastFeedQuerySchema = z.strictObject({ page: z.coerce.number().int().min(1).max(10_000).optional() });

/**
 * podcast:chapters JSON 1.2.0 (Podcasting 2.0 "JSON Chapters Format": `version` and `chapters`
 * required; a chapter needs `startTime`, seconds as a float; `title` and `endTime` optional; chapters
 * in ascending order of `startTime`). Here an `endTime` is after its `startTime`.
 */
export const PodcastChapterSchema = z
  .object({ startTime: z.number().nonnegative(), title: z.string().optional(), endTime: z.number().nonnegative().optional() })
  .refine((chapter) => chapter.endTime === undefined || chapter.endTime > chapter.startTime, {
    message: 'endTime must be after startTime',
    path: ['endTime'],
  });
export const PodcastChaptersSchema = z.object({
  version: z.literal('1.2.0'),
  chapters: z.array(PodcastChapterSchema).superRefine((chapters, context) => {
    chapters.forEach((chapter, i) => {
      const before = chapters[i - 1];
      if (before && chapter.startTime < before.startTime)
        context.addIssue({ code: 'custom', message: 'Chapters must be in ascending order of startTime', path: [i, 'startTime'] });
    });
  }),
});
