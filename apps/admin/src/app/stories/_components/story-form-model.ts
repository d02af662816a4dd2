import {
  AUDIO_TITLE_MAX,
  AudioSummarySchema,
  CreateStorySchema,
  EMPTY_DOC,
  EpisodeTypeSchema,
  RichTextDocSchema,
  STORY_AUDIO_MAX,
  StoryBylineSchema,
  StoryTagSchema,
  VersionSchema,
  slugify,
  type CreateStoryInput,
  type Story,
  type StoryAudioInput,
  type UpdateStoryInput,
} from '@newsdesk/contracts';
import { z } from 'zod';
import { TranscriptFormSchema, toTranscriptForm, toTranscriptWrite } from './transcript/transcript-model';

/**
 * The editor's form: the contract's story fields (CreateStorySchema) with the form's own shapes where
 * an input needs one: tags as chips (id, name, type), the audio list with each asset's summary (for
 * showing it), episode numbers as text, and the version the edit is based on (unset for a new story;
 * a write on a stale version gets 409). Bylines are chips too (id, name, slug, title), in byline order.
 * The deprecated audioUrl/audioDurationSeconds are not edited here: the audio list replaces them.
 */

/** One audio of the story in the form: the asset (shown), and this story's title for it. */
export const StoryAudioItemSchema = z.object({
  assetId: z.string(),
  title: z.string().trim().max(AUDIO_TITLE_MAX, `A title has at most ${AUDIO_TITLE_MAX} characters`),
  asset: AudioSummarySchema,
});
export type StoryAudioItem = z.infer<typeof StoryAudioItemSchema>;

/** An episode number field: empty, or a whole number from 1 to `max`. */
const episodeNumber = (what: string, max: number) =>
  z
    .string()
    .trim()
    .refine(
      (value) => value === '' || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= max),
      `${what}: a whole number from 1 to ${max.toLocaleString('en-US')}, or empty`,
    );

/** '' -> null, '12' -> 12 (the field is validated first). */
export function parseEpisodeNumber(text: string): number | null {
  const value = text.trim();
  return value === '' ? null : Number(value);
}

export const StoryFormSchema = CreateStorySchema.omit({
  bodyHtml: true,
  tagIds: true,
  bylineIds: true,
  programId: true,
  audioUrl: true,
  audioDurationSeconds: true,
  audio: true,
  broadcast: true,
  episodeSeason: true,
  episodeNumber: true,
  episodeType: true,
  transcript: true,
}).extend({
  version: VersionSchema.optional(),
  body: RichTextDocSchema,
  tags: z.array(StoryTagSchema).max(50, 'At most 50 tags'),
  bylines: z.array(StoryBylineSchema).max(10, 'At most 10 bylines'),
  /** In order: the first is the primary ("Listen") audio. */
  audio: z
    .array(StoryAudioItemSchema)
    .max(STORY_AUDIO_MAX, `At most ${STORY_AUDIO_MAX} audio items`)
    .refine((list) => new Set(list.map((item) => item.assetId)).size === list.length, 'Each audio only once'),
  broadcast: z.boolean(),
  episodeSeason: episodeNumber('Season', 10_000),
  episodeNumber: episodeNumber('Episode', 100_000),
  episodeType: EpisodeTypeSchema,
  /** The broadcast transcript's turns (see transcript/transcript-model.ts). */
  transcript: TranscriptFormSchema,
  /** CDS recommendUntilDateTime (an ISO instant from the picker), null: no end. */
  recommendUntil: CreateStorySchema.shape.recommendUntil.unwrap(),
});
export type StoryFormInput = z.input<typeof StoryFormSchema>;
export type StoryFormValues = z.output<typeof StoryFormSchema>;

/** The form's editable fields (what a save sends and what a concurrent save must not overwrite). */
export const EDITABLE_FIELDS = [
  'headline',
  'slug',
  'teaser',
  'dateline',
  'body',
  'credit',
  'leadImageId',
  'bylines',
  'tags',
  'audio',
  'broadcast',
  'episodeSeason',
  'episodeNumber',
  'episodeType',
  'transcript',
  'recommendUntil',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** API field names -> form fields, for the field errors of a 400. */
export const API_FIELDS: Record<string, EditableField> = {
  headline: 'headline',
  slug: 'slug',
  teaser: 'teaser',
  dateline: 'dateline',
  body: 'body',
  bodyHtml: 'body',
  credit: 'credit',
  leadImageId: 'leadImageId',
  tagIds: 'tags',
  bylineIds: 'bylines',
  audio: 'audio',
  broadcast: 'broadcast',
  episodeSeason: 'episodeSeason',
  episodeNumber: 'episodeNumber',
  episodeType: 'episodeType',
  transcript: 'transcript',
  recommendUntil: 'recommendUntil',
};

/** Names of a transcript turn's API fields in the form's entry. */
const TURN_FIELDS: Record<string, string> = {
  personId: 'person',
  unidentified: 'unidentified',
  role: 'role',
  title: 'title',
  annotation: 'annotation',
  text: 'text',
  cue: 'cue',
  label: 'person',
};

/**
 * The form path of an API field error: `transcript.turns.3.personId` -> `transcript.3.person`;
 * other fields by their first segment (API_FIELDS). Undefined when the form has no such field.
 */
export function formPathOf(field: string): string | undefined {
  const turn = /^transcript\.turns\.(\d+)(?:\.([a-zA-Z]+))?/.exec(field);
  if (turn) return turn[2] && TURN_FIELDS[turn[2]] ? `transcript.${turn[1]}.${TURN_FIELDS[turn[2]]}` : `transcript.${turn[1]}`;
  const audio = /^audio\.(\d+)\.title$/.exec(field);
  if (audio) return `audio.${audio[1]}.title`;
  return API_FIELDS[field.split('.')[0] ?? ''];
}

/** How an API field error is listed in the banner: "Transcript, turn 4: …". */
export function fieldErrorLabel(field: string): string {
  const turn = /^transcript\.turns\.(\d+)/.exec(field);
  if (turn) return `Transcript, turn ${Number(turn[1]) + 1}`;
  const audio = /^audio\.(\d+)/.exec(field);
  if (audio) return `Audio ${Number(audio[1]) + 1}`;
  const name = field.split('.')[0] ?? '';
  return FIELD_LABELS[name] ?? field;
}

export const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  slug: 'Slug',
  teaser: 'Teaser',
  dateline: 'Dateline',
  body: 'Body',
  credit: 'Credit',
  leadImageId: 'Lead photo',
  tags: 'Tags',
  tagIds: 'Tags',
  bylines: 'Bylines',
  bylineIds: 'Bylines',
  programId: 'Program',
  // Older revisions still carry these two (the audio list replaced them).
  audioUrl: 'Audio URL',
  audioDurationSeconds: 'Audio duration',
  audio: 'Audio',
  broadcast: 'Broadcast piece',
  episodeSeason: 'Season',
  episodeNumber: 'Episode number',
  episodeType: 'Episode type',
  transcript: 'Transcript',
  recommendUntil: 'Recommend until (NPR One)',
};

/** The audio list as the API takes it (order kept; the first is primary). */
export function toAudioInput(items: readonly Pick<StoryAudioItem, 'assetId' | 'title'>[]): StoryAudioInput {
  return items.map((item) => ({ assetId: item.assetId, title: item.title.trim() }));
}

export function toFormInput(story: Story | undefined): StoryFormInput {
  return {
    headline: story?.headline ?? '',
    slug: story?.slug ?? '',
    teaser: story?.teaser ?? '',
    dateline: story?.dateline ?? '',
    body: story?.body ?? EMPTY_DOC,
    credit: story?.credit ?? '',
    leadImageId: story?.leadImageId ?? null,
    tags: story?.tags ?? [],
    bylines: story?.bylines ?? [],
    audio: (story?.audio ?? []).map((item) => ({ assetId: item.assetId, title: item.title, asset: item.asset })),
    broadcast: story?.broadcast ?? false,
    episodeSeason: story?.episodeSeason?.toString() ?? '',
    episodeNumber: story?.episodeNumber?.toString() ?? '',
    episodeType: story?.episodeType ?? 'full',
    transcript: toTranscriptForm(story?.transcript.turns),
    recommendUntil: story?.recommendUntil ?? null,
    version: story?.version,
  };
}

export function toCreateInput(values: StoryFormValues): CreateStoryInput {
  const input: CreateStoryInput = {
    headline: values.headline,
    teaser: values.teaser,
    dateline: values.dateline,
    body: values.body,
    credit: values.credit,
    leadImageId: values.leadImageId ?? null,
    tagIds: values.tags.map((tag) => tag.id),
    bylineIds: values.bylines.map((byline) => byline.id),
    audio: toAudioInput(values.audio),
    broadcast: values.broadcast,
    episodeSeason: parseEpisodeNumber(values.episodeSeason),
    episodeNumber: parseEpisodeNumber(values.episodeNumber),
    episodeType: values.episodeType,
    recommendUntil: values.recommendUntil,
  };
  if (values.transcript.length) input.transcript = { turns: toTranscriptWrite(values.transcript) };
  return values.slug ? { ...input, slug: values.slug } : input;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Two instants (or null) are the same moment, whatever their offsets. */
function sameInstant(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : Date.parse(a) === Date.parse(b);
}

/** Only what changed since `saved`, based on the form's version. An emptied slug is derived from the headline again. */
export function toUpdateInput(values: StoryFormValues, saved: Story): UpdateStoryInput {
  const update: UpdateStoryInput = { version: values.version ?? saved.version };
  const slug = values.slug || slugify(values.headline);
  if (values.headline !== saved.headline) update.headline = values.headline;
  if (slug && slug !== saved.slug) update.slug = slug;
  if (values.teaser !== saved.teaser) update.teaser = values.teaser;
  if (values.dateline !== saved.dateline) update.dateline = values.dateline;
  if (!same(values.body, saved.body)) update.body = values.body;
  if (values.credit !== saved.credit) update.credit = values.credit;
  if ((values.leadImageId ?? null) !== (saved.leadImageId ?? null)) update.leadImageId = values.leadImageId ?? null;
  const tagIds = values.tags.map((tag) => tag.id);
  if (
    !same(
      tagIds,
      saved.tags.map((tag) => tag.id),
    )
  )
    update.tagIds = tagIds;
  const bylineIds = values.bylines.map((byline) => byline.id);
  if (
    !same(
      bylineIds,
      saved.bylines.map((byline) => byline.id),
    )
  )
    update.bylineIds = bylineIds;
  const audio = toAudioInput(values.audio);
  if (!same(audio, toAudioInput(saved.audio))) update.audio = audio;
  if (values.broadcast !== saved.broadcast) update.broadcast = values.broadcast;
  const season = parseEpisodeNumber(values.episodeSeason);
  if (season !== saved.episodeSeason) update.episodeSeason = season;
  const episode = parseEpisodeNumber(values.episodeNumber);
  if (episode !== saved.episodeNumber) update.episodeNumber = episode;
  if (values.episodeType !== saved.episodeType) update.episodeType = values.episodeType;
  if (!sameInstant(values.recommendUntil, saved.recommendUntil ?? null)) update.recommendUntil = values.recommendUntil;
  const turns = toTranscriptWrite(values.transcript);
  if (!same(turns, toTranscriptWrite(toTranscriptForm(saved.transcript.turns)))) update.transcript = { turns };
  return update;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return same(a, b);
}
