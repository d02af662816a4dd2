import {
  EMPTY_DOC,
  REVISION_FIELDS,
  bodyMediaIds,
  type BodyImageRenditions,
  renderRichText,
  storedTranscriptTurn,
  richTextToPlain,
  type RevisionSnapshot,
  type RichTextDoc,
  type TranscriptSnapshot,
  type TranscriptTurnWrite,
  type UpdateStoryInput,
} from '@newsdesk/contracts';
import { EMPTY_TRANSCRIPT } from '../transcripts/transcript-rows.js';
import { htmlToDoc } from './html-to-doc.js';
import type { StoryAudioItem } from './story-audio.js';
import { sanitizeBody, sanitizeRenderedBody } from './sanitize.js';

/** Story columns that hold editable content, by contract field. */
export const CONTENT_COLUMNS = {
  headline: 'headline',
  slug: 'slug',
  teaser: 'teaser',
  dateline: 'dateline',
  credit: 'credit',
  leadImageId: 'lead_image_id',
  programId: 'program_id',
  broadcast: 'broadcast',
  episodeSeason: 'episode_season',
  episodeNumber: 'episode_number',
  episodeType: 'episode_type',
  recommendUntil: 'recommend_until',
} as const;

/**
 * The body in all its stored forms: the document (source of truth), its HTML for readers
 * (rendered, then sanitized once more as defence in depth) and its text for search.
 */
export function bodyColumns(input: {
  body?: RichTextDoc;
  bodyHtml?: string;
}): { body: RichTextDoc; body_html: string; body_text: string } | null {
  const doc = input.body ?? (input.bodyHtml !== undefined ? htmlToDoc(input.bodyHtml) : undefined);
  if (!doc) return null;
  return { body: doc, body_html: sanitizeBody(renderRichText(doc)), body_text: richTextToPlain(doc) };
}

/**
 * The columns with the body's uploaded images rendered as `<picture>` with their renditions (issue
 * 21): `lookup` gives the renditions of the current focal point and crops by media id. Columns
 * without a body, or a body without uploaded images, are returned as they are.
 */
export async function withBodyImages(
  columns: Record<string, unknown>,
  lookup: { bodyImages(ids: string[]): Promise<Map<string, BodyImageRenditions>> },
): Promise<Record<string, unknown>> {
  if (typeof columns.body !== 'string') return columns;
  const doc = JSON.parse(columns.body) as RichTextDoc;
  const ids = bodyMediaIds(doc);
  if (!ids.length) return columns;
  const byId = await lookup.bodyImages(ids);
  const images = new Map([...byId].map(([id, renditions]) => [`/api/media/${id}`, renditions]));
  return { ...columns, body_html: sanitizeRenderedBody(renderRichText(doc, { images })) };
}

/** The column values a create or update sets, from the contract's fields. */
export function contentColumns(input: Partial<UpdateStoryInput>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(CONTENT_COLUMNS)) {
    const value = input[field as keyof UpdateStoryInput];
    if (value !== undefined) columns[column] = value;
  }
  const body = bodyColumns(input as { body?: RichTextDoc; bodyHtml?: string });
  if (body) Object.assign(columns, { ...body, body: JSON.stringify(body.body) });
  return columns;
}

/** A snapshot as the write path makes it: the transcript always there, in its stored form. */
export type StorySnapshot = RevisionSnapshot & { transcript: TranscriptSnapshot };

/**
 * A story row (plus its ordered byline and tag ids, its audio in order, and its transcript's stored
 * turns) as a revision snapshot.
 */
export function snapshotOf(
  row: Record<string, unknown>,
  bylineIds: string[],
  tagIds: string[],
  transcript: TranscriptSnapshot = EMPTY_TRANSCRIPT,
  audio: StoryAudioItem[] = [],
): StorySnapshot {
  return {
    headline: row.headline as string,
    slug: row.slug as string,
    teaser: row.teaser as string,
    dateline: row.dateline as string,
    body: (row.body as RichTextDoc | null) ?? EMPTY_DOC,
    credit: row.credit as string,
    leadImageId: (row.lead_image_id as string | null) ?? null,
    bylineIds,
    tagIds,
    programId: (row.program_id as string | null) ?? null,
    audio: audio.map((item) => ({ assetId: item.assetId, title: item.title })),
    broadcast: Boolean(row.broadcast),
    episodeSeason: (row.episode_season as number | null) ?? null,
    episodeNumber: (row.episode_number as number | null) ?? null,
    episodeType: (row.episode_type as 'full' | 'trailer' | 'bonus' | undefined) ?? 'full',
    transcript,
  };
}

/** What a revision saved before audio assets existed reads as, field by field (no audio is `null` below). */
const AUDIO_ERA_DEFAULTS: Partial<Record<(typeof REVISION_FIELDS)[number], unknown>> = { broadcast: false, episodeType: 'full' };

/**
 * A snapshot's value of a field, as compared: no turns (or no transcript, in revisions from before
 * transcripts) is null; no audio is null; a revision from before audio assets reads its `audioUrl`
 * as the primary audio (`{ url }`: it names no asset, so it differs from any list of assets).
 */
export function snapshotValue(snapshot: RevisionSnapshot | null, field: (typeof REVISION_FIELDS)[number]): unknown {
  if (field === 'audio') {
    if (snapshot?.audio) return snapshot.audio.length ? snapshot.audio.map((item) => ({ assetId: item.assetId, title: item.title })) : null;
    return snapshot?.audioUrl ? [{ url: snapshot.audioUrl, durationSeconds: snapshot.audioDurationSeconds ?? null }] : null;
  }
  if (snapshot && snapshot[field] === undefined && field in AUDIO_ERA_DEFAULTS) return AUDIO_ERA_DEFAULTS[field];
  // In the stored key order: a revision read back from jsonb has its keys reordered.
  if (field === 'transcript')
    return snapshot?.transcript?.turns.length
      ? { turns: snapshot.transcript.turns.map((turn) => storedTranscriptTurn(turn as TranscriptTurnWrite)) }
      : null;
  return snapshot?.[field] ?? null;
}

/** The fields whose values differ between two snapshots. */
export function changedFields(before: RevisionSnapshot | null, after: RevisionSnapshot): string[] {
  return REVISION_FIELDS.filter((field) => JSON.stringify(snapshotValue(before, field)) !== JSON.stringify(snapshotValue(after, field)));
}
