import { z } from 'zod';
import { IdSchema, LimitSchema, VersionSchema, pageOf } from './common.js';
import { PublicStorySummarySchema } from './public.js';
import { WordsPerMinuteSchema } from './schedule/stations.js';
import { SlugSchema } from './slug.js';
import { TranscriptTitleSchema, type TranscriptPerson } from './transcript/schemas.js';

/**
 * People: one record per human being the newsroom's content names (transcript speakers, the
 * people behind bylines). A correspondent is a person with a staff profile, never a second record.
 */

export const PERSON_NAME_MAX = 200;

/** Cursor of a list ordered by name: it carries the (folded) name, so it is longer than CursorSchema allows. */
export const NameCursorSchema = z.string().min(1).max(2000);
export const PERSON_ALIASES_MAX = 30;

const displayName = z.string().trim().min(1, 'A name is required').max(PERSON_NAME_MAX, `A name has at most ${PERSON_NAME_MAX} characters`);
const givenName = z.string().trim().max(100, 'A given name has at most 100 characters');
const familyName = z.string().trim().min(1, 'A family name is required').max(100, 'A family name has at most 100 characters');
/** Written in capitals ("PRESIDENT"); typed in any case, stored upper-cased; empty means none. */
const labelTitle = z
  .string()
  .trim()
  .transform((title) => title.toUpperCase())
  .pipe(z.union([z.literal(''), TranscriptTitleSchema]))
  .transform((title) => title || null)
  .nullable();
const affiliation = z.string().trim().max(300, 'An affiliation has at most 300 characters');
/** Other spellings (transliterations, maiden names): blanks dropped, duplicates removed. */
const aliases = z
  .array(z.string().trim().max(PERSON_NAME_MAX, `An alias has at most ${PERSON_NAME_MAX} characters`))
  .max(PERSON_ALIASES_MAX, `At most ${PERSON_ALIASES_MAX} aliases`)
  .transform((list) => [...new Set(list.filter(Boolean))]);

export const CreatePersonSchema = z.strictObject({
  displayName,
  /** Derived from the display name when absent (everything before the family name). */
  givenName: givenName.optional(),
  /** Used alone on later references ("KIM:"). Derived from the display name when absent. */
  familyName: familyName.optional(),
  /** Default title printed before the name on a first reference ("PRESIDENT DONALD TRUMP"). */
  labelTitle: labelTitle.optional(),
  /** Who they are, for editors picking a speaker: "Russian Foreign Minister". */
  affiliation: affiliation.optional(),
  aliases: aliases.optional(),
  /** Their own reading pace when they host (60-400 words per minute); null: the program's. */
  wordsPerMinute: WordsPerMinuteSchema.nullable().optional(),
  /** Address of their public page; derived from the display name when absent. */
  slug: z.union([SlugSchema, z.literal('')]).optional(),
});
export type CreatePersonInput = z.input<typeof CreatePersonSchema>;

export const UpdatePersonSchema = z.strictObject({
  version: VersionSchema,
  displayName: displayName.optional(),
  givenName: givenName.optional(),
  familyName: familyName.optional(),
  labelTitle: labelTitle.optional(),
  affiliation: affiliation.optional(),
  aliases: aliases.optional(),
  wordsPerMinute: WordsPerMinuteSchema.nullable().optional(),
  slug: SlugSchema.optional(),
});
export type UpdatePersonInput = z.input<typeof UpdatePersonSchema>;

/** Merges the person of the URL (the duplicate) into `intoId` (the survivor); the duplicate is removed. */
export const MergePersonSchema = z.strictObject({
  /** The person who stays. */
  intoId: IdSchema,
  /** Version of the duplicate (the person of the URL). */
  version: VersionSchema,
  /** Version of the survivor, when the caller wants that checked too. */
  intoVersion: VersionSchema.optional(),
});
export type MergePersonInput = z.input<typeof MergePersonSchema>;

/**
 * A person as the staff API returns it. A superset of `TranscriptPersonSchema`, so a person can be
 * handed to the transcript resolver as it is (`toTranscriptPerson`).
 */
export const PersonSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  displayName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  labelTitle: z.string().nullable(),
  affiliation: z.string(),
  aliases: z.array(z.string()),
  /** Their reading pace as a host (words per minute), or null: the program's pace applies. */
  wordsPerMinute: z.number().int().nullable(),
  /** Has a correspondent profile (staff). */
  isStaff: z.boolean(),
  correspondentId: IdSchema.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

export const ListPeopleQuerySchema = z.object({
  /**
   * Prefix search over names and aliases, accents and case folded ("lav" finds Sergey Lavrov,
   * "sergei" finds him through an alias). Ranked: full-name prefix, then family name and other
   * words, then aliases. A search answers one ranked page (nextCursor is null).
   */
  q: z.string().trim().max(200).optional(),
  staff: z.enum(['true', 'false']).optional(),
  limit: LimitSchema,
  cursor: NameCursorSchema.optional(),
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuerySchema>;

export const PersonPageSchema = pageOf(PersonSchema);
export type PersonPage = z.infer<typeof PersonPageSchema>;

/** The most stories a public person page lists (newest first); `storyCount` gives the total. */
export const PUBLIC_PERSON_STORIES = 100;
export const PublicPersonStorySchema = PublicStorySummarySchema.extend({ turnCount: z.number().int().min(1) });
export type PublicPersonStory = z.infer<typeof PublicPersonStorySchema>;

/** A person on the public API: no ids, no staff data. */
export const PublicPersonSchema = z.object({
  slug: z.string(),
  displayName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  labelTitle: z.string().nullable(),
  affiliation: z.string(),
  /** Their published correspondent profile, if they have one. */
  correspondent: z.object({ slug: z.string(), name: z.string(), title: z.string() }).nullable(),
  /** Published stories they speak in, newest first (at most PUBLIC_PERSON_STORIES), each with how many turns they speak. */
  stories: z.array(PublicPersonStorySchema),
  /** How many published stories they speak in, all told. */
  storyCount: z.number().int(),
});
export type PublicPerson = z.infer<typeof PublicPersonSchema>;

/** The projection the transcript parser and renderer need. */
export function toTranscriptPerson(person: Person): TranscriptPerson {
  return {
    id: person.id,
    slug: person.slug,
    displayName: person.displayName,
    givenName: person.givenName,
    familyName: person.familyName,
    labelTitle: person.labelTitle,
    aliases: person.aliases,
    isStaff: person.isStaff,
  };
}

/** Lower-case particles that belong to the family name ("Ludwig van Beethoven" -> "van Beethoven"). */
const PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'da',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'do',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'van',
  'von',
  'ter',
  'zu',
]);
const SUFFIXES = /^(jr|sr|ii|iii|iv|v)\.?$/i;

/**
 * Splits a display name into given and family names for a first guess the editor can correct:
 * the last word (with lower-case particles before it) is the family name, a trailing "Jr."/"III"
 * is dropped from both. "Vladimir Putin" -> Vladimir / Putin; "Bashar al-Assad" -> Bashar / al-Assad.
 */
export function splitName(displayName: string): { givenName: string; familyName: string } {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  while (words.length > 1 && SUFFIXES.test(words.at(-1) ?? '')) words.pop();
  if (words.length <= 1) return { givenName: '', familyName: words[0] ?? '' };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1] ?? '')) start -= 1;
  return { givenName: words.slice(0, start).join(' '), familyName: words.slice(start).join(' ') };
}
