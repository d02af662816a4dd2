import {
  CreateStorySchema,
  EMPTY_DOC,
  RichTextDocSchema,
  StoryBylineSchema,
  StoryTagSchema,
  VersionSchema,
  formatDuration,
  parseDuration,
  slugify,
  type CreateStoryInput,
  type Story,
  type UpdateStoryInput,
} from '@newsdesk/contracts';
import { z } from 'zod';
import { TranscriptFormSchema, toTranscriptForm, toTranscriptWrite } from './transcript/transcript-model';

/**
 * The editor's form: the contract's story fields (CreateStorySchema) with the form's own shapes where
 * an input needs one: tags as chips (id, name, type), the audio URL and duration as text, and the
 * version the edit is based on (unset for a new story; a write on a stale version gets 409).
 * Bylines are chips too (id, name, slug, title), in byline order.
 */

/**
 * The audio duration field (the contracts' parseDuration; a bare number is seconds, as its hint
 * says): '' -> null (no duration), unreadable -> undefined.
 */
export function parseAudioDuration(text: string): number | null | undefined {
  if (!text.trim()) return null;
  return parseDuration(text, 'seconds') ?? undefined;
}

export function formatAudioDuration(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '' : formatDuration(seconds);
}

const audioUrlSchema = CreateStorySchema.shape.audioUrl;
const MAX_DURATION = 24 * 3600;

export const StoryFormSchema = CreateStorySchema.omit({
  bodyHtml: true,
  tagIds: true,
  bylineIds: true,
  programId: true,
  audioUrl: true,
  audioDurationSeconds: true,
  transcript: true,
}).extend({
  version: VersionSchema.optional(),
  body: RichTextDocSchema,
  tags: z.array(StoryTagSchema).max(50, 'At most 50 tags'),
  bylines: z.array(StoryBylineSchema).max(10, 'At most 10 bylines'),
  audioUrl: z
    .string()
    .trim()
    .refine((value) => value === '' || audioUrlSchema.safeParse(value).success, 'Enter an http(s) URL of the audio file'),
  audioDuration: z
    .string()
    .trim()
    .refine((value) => {
      const seconds = parseAudioDuration(value);
      return seconds !== undefined && (seconds === null || seconds <= MAX_DURATION);
    }, 'Enter minutes:seconds (e.g. 3:45), at most 24 hours'),
  /** The broadcast transcript's turns (see transcript/transcript-model.ts). */
  transcript: TranscriptFormSchema,
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
  'bylines',
  'tags',
  'audioUrl',
  'audioDuration',
  'transcript',
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
  tagIds: 'tags',
  bylineIds: 'bylines',
  audioUrl: 'audioUrl',
  audioDurationSeconds: 'audioDuration',
  transcript: 'transcript',
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
  return API_FIELDS[field.split('.')[0] ?? ''];
}

/** How an API field error is listed in the banner: "Transcript, turn 4: …". */
export function fieldErrorLabel(field: string): string {
  const turn = /^transcript\.turns\.(\d+)/.exec(field);
  if (turn) return `Transcript, turn ${Number(turn[1]) + 1}`;
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
  tags: 'Tags',
  tagIds: 'Tags',
  bylines: 'Bylines',
  bylineIds: 'Bylines',
  programId: 'Program',
  audioUrl: 'Audio URL',
  audioDuration: 'Audio duration',
  audioDurationSeconds: 'Audio duration',
  transcript: 'Transcript',
};

export function toFormInput(story: Story | undefined): StoryFormInput {
  return {
    headline: story?.headline ?? '',
    slug: story?.slug ?? '',
    teaser: story?.teaser ?? '',
    dateline: story?.dateline ?? '',
    body: story?.body ?? EMPTY_DOC,
    credit: story?.credit ?? '',
    tags: story?.tags ?? [],
    bylines: story?.bylines ?? [],
    audioUrl: story?.audioUrl ?? '',
    audioDuration: formatAudioDuration(story?.audioDurationSeconds),
    transcript: toTranscriptForm(story?.transcript.turns),
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
    tagIds: values.tags.map((tag) => tag.id),
    bylineIds: values.bylines.map((byline) => byline.id),
    audioUrl: values.audioUrl || null,
    audioDurationSeconds: parseAudioDuration(values.audioDuration) ?? null,
  };
  if (values.transcript.length) input.transcript = { turns: toTranscriptWrite(values.transcript) };
  return values.slug ? { ...input, slug: values.slug } : input;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
  const audioUrl = values.audioUrl || null;
  if (audioUrl !== saved.audioUrl) update.audioUrl = audioUrl;
  const duration = parseAudioDuration(values.audioDuration) ?? null;
  if (duration !== saved.audioDurationSeconds) update.audioDurationSeconds = duration;
  const turns = toTranscriptWrite(values.transcript);
  if (!same(turns, toTranscriptWrite(toTranscriptForm(saved.transcript.turns)))) update.transcript = { turns };
  return update;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return same(a, b);
}
