import {
  CreatePersonSchema,
  VersionSchema,
  WordsPerMinuteSchema,
  type CreatePersonInput,
  type Person,
  type UpdatePersonInput,
} from '@newsdesk/contracts';
import { z } from 'zod';

/** The person form: the contract's fields (given and family names may stay empty: derived), plus the version. */
export const PersonFormSchema = CreatePersonSchema.omit({ givenName: true, familyName: true }).extend({
  givenName: z.string().trim().max(100, 'A given name has at most 100 characters'),
  familyName: z.string().trim().max(100, 'A family name has at most 100 characters'),
  /** Typed as text: empty = none (the program's pace); else the contract's 60-400. */
  wordsPerMinute: z
    .string()
    .trim()
    .refine((value) => value === '' || WordsPerMinuteSchema.safeParse(Number(value)).success, '60 to 400 words per minute, or empty'),
  version: VersionSchema.optional(),
});
export type PersonFormInput = z.input<typeof PersonFormSchema>;
export type PersonFormValues = z.output<typeof PersonFormSchema>;

export const PERSON_FORM_FIELDS = [
  'displayName',
  'givenName',
  'familyName',
  'labelTitle',
  'affiliation',
  'aliases',
  'wordsPerMinute',
  'slug',
] as const;

const pace = (typed: string): number | null => (typed ? Number(typed) : null);

export function toFormInput(saved: Person | undefined): PersonFormInput {
  return {
    displayName: saved?.displayName ?? '',
    givenName: saved?.givenName ?? '',
    familyName: saved?.familyName ?? '',
    labelTitle: saved?.labelTitle ?? '',
    affiliation: saved?.affiliation ?? '',
    aliases: saved?.aliases ?? [],
    wordsPerMinute: saved?.wordsPerMinute == null ? '' : String(saved.wordsPerMinute),
    slug: saved?.slug ?? '',
    version: saved?.version,
  };
}

export function toCreateInput(values: PersonFormValues): CreatePersonInput {
  return {
    displayName: values.displayName,
    ...(values.givenName ? { givenName: values.givenName } : {}),
    ...(values.familyName ? { familyName: values.familyName } : {}),
    labelTitle: values.labelTitle ?? null,
    affiliation: values.affiliation ?? '',
    aliases: values.aliases ?? [],
    wordsPerMinute: pace(values.wordsPerMinute),
    ...(values.slug ? { slug: values.slug } : {}),
  };
}

export function toUpdateInput(values: PersonFormValues, saved: Person): UpdatePersonInput {
  const update: UpdatePersonInput = { version: values.version ?? saved.version };
  if (values.displayName !== saved.displayName) update.displayName = values.displayName;
  if (values.givenName !== saved.givenName && (values.givenName || saved.givenName)) update.givenName = values.givenName;
  if (values.familyName && values.familyName !== saved.familyName) update.familyName = values.familyName;
  if ((values.labelTitle ?? null) !== saved.labelTitle) update.labelTitle = values.labelTitle ?? null;
  if ((values.affiliation ?? '') !== saved.affiliation) update.affiliation = values.affiliation ?? '';
  if (JSON.stringify(values.aliases ?? []) !== JSON.stringify(saved.aliases)) update.aliases = values.aliases ?? [];
  if (pace(values.wordsPerMinute) !== saved.wordsPerMinute) update.wordsPerMinute = pace(values.wordsPerMinute);
  if (values.slug && values.slug !== saved.slug) update.slug = values.slug;
  return update;
}
