import {
  CreateCorrespondentSchema,
  MEDIA_ALT_MAX,
  MEDIA_CREDIT_MAX,
  MEDIA_CAPTION_MAX,
  VersionSchema,
  slugify,
  type Correspondent,
  type CreateCorrespondentInput,
  type UpdateCorrespondentInput,
} from '@newsdesk/contracts';
import { z } from 'zod';

/**
 * The profile form: the contract's create fields, plus the version the edit is based on, and the
 * photo's alt text and credit (saved on the image itself). Given and family names may be left
 * empty: the API derives them from the name.
 */
export const CorrespondentFormSchema = CreateCorrespondentSchema.omit({ personId: true, givenName: true, familyName: true }).extend({
  givenName: z.string().trim().max(100, 'A given name has at most 100 characters'),
  familyName: z.string().trim().max(100, 'A family name has at most 100 characters'),
  version: VersionSchema.optional(),
  photoAlt: z.string().trim().max(MEDIA_ALT_MAX, `Alt text has at most ${MEDIA_ALT_MAX} characters`),
  photoCredit: z.string().trim().max(MEDIA_CREDIT_MAX, `A credit has at most ${MEDIA_CREDIT_MAX} characters`),
  photoCaption: z
    .string()
    .trim()
    .max(MEDIA_CAPTION_MAX, `A caption has at most ${MEDIA_CAPTION_MAX.toLocaleString('en-US')} characters`),
});
export type CorrespondentFormInput = z.input<typeof CorrespondentFormSchema>;
export type CorrespondentFormValues = z.output<typeof CorrespondentFormSchema>;

/** Top-level form fields (server errors on "socialLinks.0.url" belong to "socialLinks"). */
export const FORM_FIELDS = [
  'name',
  'givenName',
  'familyName',
  'slug',
  'title',
  'bureau',
  'bio',
  'photoId',
  'beats',
  'email',
  'socialLinks',
  'active',
  'photoAlt',
  'photoCredit',
  'photoCaption',
] as const;

export function toFormInput(saved: Correspondent | undefined): CorrespondentFormInput {
  return {
    name: saved?.name ?? '',
    givenName: saved?.givenName ?? '',
    familyName: saved?.familyName ?? '',
    slug: saved?.slug ?? '',
    title: saved?.title ?? '',
    bureau: saved?.bureau ?? '',
    bio: saved?.bio ?? '',
    photoId: saved?.photoId ?? null,
    beats: saved?.beats ?? [],
    email: saved?.email ?? '',
    socialLinks: saved?.socialLinks ?? [],
    active: saved?.active ?? true,
    version: saved?.version,
    photoAlt: saved?.photo?.alt ?? '',
    photoCredit: saved?.photo?.credit ?? '',
    photoCaption: saved?.photo?.caption ?? '',
  };
}

export function toCreateInput(values: CorrespondentFormValues): CreateCorrespondentInput {
  return {
    name: values.name,
    ...(values.givenName ? { givenName: values.givenName } : {}),
    ...(values.familyName ? { familyName: values.familyName } : {}),
    ...(values.slug ? { slug: values.slug } : {}),
    title: values.title,
    bureau: values.bureau,
    bio: values.bio,
    photoId: values.photoId ?? null,
    beats: values.beats,
    email: values.email,
    socialLinks: values.socialLinks,
    active: values.active,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what differs from `saved`. An emptied slug stays as saved (a published profile's address is not changed by accident). */
export function toUpdateInput(values: CorrespondentFormValues, saved: Correspondent): UpdateCorrespondentInput {
  const update: UpdateCorrespondentInput = { version: values.version ?? saved.version };
  if (values.name !== saved.name) update.name = values.name;
  if (values.givenName && values.givenName !== saved.givenName) update.givenName = values.givenName;
  if (values.familyName && values.familyName !== saved.familyName) update.familyName = values.familyName;
  const slug = values.slug || (saved.status === 'draft' ? slugify(values.name) : saved.slug);
  if (slug && slug !== saved.slug) update.slug = slug;
  if (values.title !== saved.title) update.title = values.title;
  if (values.bureau !== saved.bureau) update.bureau = values.bureau;
  if (values.bio !== saved.bio) update.bio = values.bio;
  if ((values.photoId ?? null) !== saved.photoId) update.photoId = values.photoId ?? null;
  if (!same(values.beats, saved.beats)) update.beats = values.beats;
  if ((values.email ?? null) !== saved.email) update.email = values.email ?? '';
  if (!same(values.socialLinks, saved.socialLinks)) update.socialLinks = values.socialLinks;
  if (values.active !== saved.active) update.active = values.active;
  return update;
}
