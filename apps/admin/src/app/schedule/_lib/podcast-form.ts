import { APPLE_CATEGORIES, PodcastSettingsFieldsSchema, type PodcastSettings, type UpdatePodcastSettingsInput } from '@newsdesk/contracts';
import { z } from 'zod';

/**
 * A program's podcast settings form: the contract's fields, with the category and subcategory as
 * select values ('' for none). Saved with PUT and the version (1 until first saved).
 */
export const PodcastFormSchema = PodcastSettingsFieldsSchema.omit({ category: true, subcategory: true })
  .extend({
    category: z.string().refine((value) => value === '' || value in APPLE_CATEGORIES, 'Choose one of Apple Podcasts’ categories'),
    subcategory: z.string(),
  })
  .refine((value) => !value.subcategory || (APPLE_CATEGORIES[value.category] ?? []).includes(value.subcategory), {
    message: 'Choose a subcategory of the category',
    path: ['subcategory'],
  });
export type PodcastFormInput = z.input<typeof PodcastFormSchema>;
export type PodcastFormValues = z.output<typeof PodcastFormSchema>;

export const PODCAST_FORM_FIELDS = [
  'enabled',
  'title',
  'description',
  'artworkMediaId',
  'category',
  'subcategory',
  'explicit',
  'language',
  'ownerName',
  'ownerEmail',
  'author',
  'type',
  'locked',
] as const;

export const PODCAST_FIELD_LABELS: Record<string, string> = {
  enabled: 'Publish the feed',
  title: 'Title',
  description: 'Description',
  artworkMediaId: 'Artwork',
  artwork: 'Artwork',
  category: 'Category',
  subcategory: 'Subcategory',
  explicit: 'Explicit',
  language: 'Language',
  ownerName: 'Owner name',
  ownerEmail: 'Owner email',
  owner: 'Owner',
  author: 'Author',
  type: 'Type',
  locked: 'Locked',
  episodes: 'Episodes',
};

export function toPodcastForm(settings: PodcastSettings): PodcastFormInput {
  return {
    enabled: settings.enabled,
    title: settings.title,
    description: settings.description,
    artworkMediaId: settings.artworkMediaId,
    category: settings.category ?? '',
    subcategory: settings.subcategory ?? '',
    explicit: settings.explicit,
    language: settings.language,
    ownerName: settings.ownerName,
    ownerEmail: settings.ownerEmail,
    author: settings.author,
    type: settings.type,
    locked: settings.locked,
  };
}

/**
 * What changed since `saved`, on its version. The category and subcategory travel together (the API
 * checks the subcategory against the category sent with it).
 */
export function toPodcastUpdate(values: PodcastFormValues, saved: PodcastSettings): UpdatePodcastSettingsInput {
  const update: UpdatePodcastSettingsInput = { version: saved.version };
  const keys = PODCAST_FORM_FIELDS.filter((key) => key !== 'category' && key !== 'subcategory');
  for (const key of keys) if (values[key] !== saved[key]) Object.assign(update, { [key]: values[key] });
  const category = values.category || null;
  const subcategory = values.subcategory || null;
  if (category !== saved.category || subcategory !== saved.subcategory) {
    update.category = category;
    update.subcategory = subcategory;
  }
  return update;
}

/** The media id in an image address (`/api/media/<id>`, absolute or not) or a bare id; null when there is none. */
export function mediaIdOf(text: string): string | null {
  const match = /(?:^|\/api\/media\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]|$)/i.exec(text.trim());
  return match?.[1]?.toLowerCase() ?? null;
}
