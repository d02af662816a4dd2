import { z } from 'zod';
import { IdSchema, VersionSchema } from './common.js';
import type { ImageAspect } from './images.js';
import type { OutputImageFile } from './image-outputs.js';

/**
 * Distribution (issue 18): NPR CDS documents, the checks before sending, destinations and their
 * deliveries. The CDS mapping (`cdsStoryDocument`, `cdsBiographyDocument`) is pure: the API reads
 * what it needs in one place (distribution.repository.ts) and hands it over. Field by field, with
 * NPR's meaning of each field: docs/distribution.md.
 */

// ---------------------------------------------------------------------------------------------
// Settings and destinations
// ---------------------------------------------------------------------------------------------

/** CDS document ids are `<prefix>-<id>` (NPR's documentId pattern: `[a-z]+[a-z0-9]*-[a-z0-9-]+`). */
export const CdsPrefixSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9]{0,31}$/, 'A prefix is 1-32 lowercase letters and digits, starting with a letter (e.g. "kxyz")');
/** The station's organization service id (Organization API v4), e.g. "s1234". */
export const CdsServiceIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A service id is 1-64 letters, digits, "-" or "_" (e.g. "s1234")');

export const DistributionSettingsSchema = z.object({
  cdsPrefix: z.string().nullable(),
  cdsServiceId: z.string().nullable(),
  version: z.number().int(),
});
export type DistributionSettings = z.infer<typeof DistributionSettingsSchema>;

export const UpdateDistributionSettingsSchema = z.strictObject({
  version: VersionSchema,
  cdsPrefix: CdsPrefixSchema.nullable().optional(),
  cdsServiceId: CdsServiceIdSchema.nullable().optional(),
});
export type UpdateDistributionSettingsInput = z.input<typeof UpdateDistributionSettingsSchema>;

/**
 * What a destination is: `cds` (NPR CDS push: PUT/DELETE `{url}/v1/documents/{id}` with the token as
 * Bearer), `webhook` (POST of the event as JSON, signed with the token as HMAC key when set),
 * `cdn_purge` (POST to the URL with `{url}` replaced by the story's encoded canonical URL), `websub`
 * (POST `hub.mode=publish&hub.url=<feed>` to the hub).
 */
export const DESTINATION_KINDS = ['cds', 'webhook', 'cdn_purge', 'websub'] as const;
export const DestinationKindSchema = z.enum(DESTINATION_KINDS);
export type DestinationKind = z.infer<typeof DestinationKindSchema>;

/** C0 controls and DEL (a header or URL must not carry them). */
const hasControl = (text: string) => [...text].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);

const destinationUrl = z
  .url({ protocol: /^https?$/, error: 'An http(s) URL' })
  .max(2000, 'A URL has at most 2,000 characters')
  .refine((url) => !hasControl(url), 'A URL has no control characters');
const destinationName = z.string().trim().min(1, 'A name is required').max(100, 'A name has at most 100 characters');
/** Secrets are written, never read back (the API answers `hasToken`). */
const destinationToken = z
  .string()
  .min(1, 'A token is at least 1 character (send null to remove it)')
  .max(4000, 'A token has at most 4,000 characters')
  .refine((token) => !hasControl(token), 'A token has no control characters');

export const DestinationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: DestinationKindSchema,
  url: z.string(),
  hasToken: z.boolean(),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Destination = z.infer<typeof DestinationSchema>;
export const DestinationListSchema = z.object({ items: z.array(DestinationSchema) });
export type DestinationList = z.infer<typeof DestinationListSchema>;

export const CreateDestinationSchema = z.strictObject({
  name: destinationName,
  kind: DestinationKindSchema,
  url: destinationUrl,
  token: destinationToken.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type CreateDestinationInput = z.input<typeof CreateDestinationSchema>;

export const UpdateDestinationSchema = z.strictObject({
  version: VersionSchema,
  name: destinationName.optional(),
  url: destinationUrl.optional(),
  token: destinationToken.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type UpdateDestinationInput = z.input<typeof UpdateDestinationSchema>;

export const DestinationDeleteQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1).max(2_147_483_647) });

// ---------------------------------------------------------------------------------------------
// Deliveries
// ---------------------------------------------------------------------------------------------

export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'superseded', 'skipped'] as const;
export const DeliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;

export const DeliverySchema = z.object({
  id: IdSchema,
  destination: z.object({ id: IdSchema, name: z.string(), kind: DestinationKindSchema }),
  storyId: IdSchema,
  storySlug: z.string(),
  /** The story's version the change produced: a delivery never overwrites a newer one at the destination. */
  storyVersion: z.number().int(),
  event: z.string(),
  state: DeliveryStateSchema,
  attempts: z.number().int(),
  /** What was sent, e.g. `PUT https://cds.example/v1/documents/kxyz-…` (never the token). */
  request: z.string().nullable(),
  responseStatus: z.number().int().nullable(),
  /** The first 500 characters of the destination's answer. */
  responseExcerpt: z.string().nullable(),
  /** Why it failed, was skipped or superseded. */
  reason: z.string().nullable(),
  dueAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const CdsCheckSchema = z.object({
  code: z.enum(['no_audio', 'no_program', 'image_credit', 'teaser_length', 'no_prefix', 'no_service_id']),
  message: z.string(),
});
export type CdsCheck = z.infer<typeof CdsCheckSchema>;

/** `GET /api/stories/{id}/distribution`: per destination, the latest delivery; the CDS checks. */
export const StoryDistributionSchema = z.object({
  destinations: z.array(
    z.object({
      destination: DestinationSchema,
      /** sent / pending / failed, or none when nothing was ever delivered there. */
      latest: DeliverySchema.nullable(),
    }),
  ),
  deliveries: z.array(DeliverySchema),
  /** What CDS would refuse, or what would keep the story out of NPR One (warnings, never blocking). */
  checks: z.array(CdsCheckSchema),
});
export type StoryDistribution = z.infer<typeof StoryDistributionSchema>;

export const FailedDeliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const DeliveryPageSchema = z.object({ items: z.array(DeliverySchema), total: z.number().int() });
export type DeliveryPage = z.infer<typeof DeliveryPageSchema>;

export const ResendDeliverySchema = z.strictObject({});

// ---------------------------------------------------------------------------------------------
// The CDS document (NPR Content Distribution Service, profiles at /v1/profiles/*)
// ---------------------------------------------------------------------------------------------

/** A CDS document as JSON: shaped by its profiles (validated in the API's tests against them). */
export const CdsDocumentSchema = z.record(z.string(), z.unknown());
export type CdsDocument = Record<string, unknown>;

/** NPR One shows about this much of a teaser; CDS itself sets no limit. */
export const CDS_TEASER_MAX = 400;

export interface CdsStorySource {
  id: string;
  slug: string;
  headline: string;
  teaser: string;
  bodyHtml: string;
  /** Null when the story was never published. */
  publishedAt: string | null;
  /** The last editorial change (story updated_at). */
  updatedAt: string;
  recommendUntil: string | null;
  canonicalUrl: string;
  bylines: Array<{ correspondentId: string; name: string; hasPublishedProfile: boolean }>;
  corrections: Array<{ id: string; text: string; correctedAt: string }>;
  /** Audio listeners may get (streamable, in its window, playable), in order; the first is primary when `primary`. */
  audio: Array<{
    id: string;
    title: string;
    primary: boolean;
    url: string;
    contentType: string;
    byteSize: number | null;
    durationSeconds: number | null;
    downloadable: boolean;
    embeddable: boolean;
    availableUntil: string | null;
  }>;
  /** The transcript's public web page (null when the story has no transcript). */
  transcriptUrl: string | null;
  /** Body images with absolute URLs. */
  images: Array<{ url: string; alt: string; credit: string; caption: string; contentType: string | null }>;
  /**
   * The lead photo when it is publishable (the public JSON's rule: alt text, credit, ready renditions),
   * else null; its files are the largest JPEG per aspect (outputFiles, absolute URLs).
   */
  leadImage: { alt: string; credit: string; caption: string; files: OutputImageFile[] } | null;
  tags: Array<{ id: string; name: string; type: string }>;
  program: { id: string; name: string } | null;
}

export interface CdsSettings {
  prefix: string;
  serviceId: string | null;
}

const ORG_SERVICE = (serviceId: string) => `https://organization.api.npr.org/v4/services/${serviceId}`;
const profile = (name: string, rel?: 'type' | 'interface') =>
  rel ? { href: `/v1/profiles/${name}`, rels: [rel] } : { href: `/v1/profiles/${name}` };

/**
 * The CDS image enclosure rels (profiles/image.json) of each aspect Newsdesk renders: the image's own
 * aspect is the primary file and the enlargement; the crops are NPR's wide (16:9), standard (3:2) and
 * square (1:1). The 2:1 social crop has no CDS rel and is not sent.
 */
export const CDS_CROP_RELS: Partial<Record<ImageAspect, string[]>> = {
  original: ['primary', 'image-enlargement'],
  wide: ['image-wide'],
  standard: ['image-standard'],
  square: ['image-square'],
};

/** `<prefix>-<id>` (ids are lowercase uuids: NPR's documentId pattern holds). */
export const cdsDocumentId = (prefix: string, id: string, kind?: 'bio' | 'tag' | 'program') =>
  `${prefix}-${kind ? `${kind}-` : ''}${id.toLowerCase()}`;

/** RFC 3339 in UTC without milliseconds. */
const rfc3339 = (instant: string) => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');

function organizations(settings: CdsSettings): Array<{ href: string }> {
  return settings.serviceId ? [{ href: ORG_SERVICE(settings.serviceId) }] : [];
}

/**
 * The CDS story document Newsdesk pushes for `source`. Profiles: `story` (type), `publishable`,
 * `document`, `buildout` and `renderable` (the body as one html-block asset in `layout`, the canonical
 * web page), plus `has-images`, `has-audio` + `listenable` (when there is primary audio) and
 * `has-corrections` as they apply. Bylines are `reference-byline` assets pointing at the
 * correspondent's `biography` document when their profile is published, else plain `byline` assets.
 */
export function cdsStoryDocument(source: CdsStorySource, settings: CdsSettings): CdsDocument {
  const id = cdsDocumentId(settings.prefix, source.id);
  const assets: Record<string, CdsDocument> = {};
  const asset = (suffix: string, doc: CdsDocument) => {
    const assetId = `${id}-${suffix}`;
    assets[assetId] = { id: assetId, ...doc };
    return { href: `#/assets/${assetId}` };
  };

  const bylines = source.bylines.map((byline, i) =>
    byline.hasPublishedProfile
      ? asset(`byline-${i + 1}`, {
          profiles: [profile('reference-byline', 'type'), profile('document')],
          bylineDocuments: [
            { href: `/v1/documents/${cdsDocumentId(settings.prefix, byline.correspondentId, 'bio')}`, rels: ['biography'] },
          ],
        })
      : asset(`byline-${i + 1}`, { profiles: [profile('byline', 'type'), profile('document')], name: byline.name }),
  );

  const corrections = source.corrections.map((correction, i) =>
    asset(`correction-${i + 1}`, {
      profiles: [profile('correction', 'type'), profile('document')],
      title: 'Correction',
      text: correction.text,
      dateTime: rfc3339(correction.correctedAt),
    }),
  );

  const audio = source.audio.map((item, i) => {
    const link = asset(`audio-${i + 1}`, {
      profiles: [profile('audio', 'type'), profile('document')],
      ...(item.title ? { title: item.title } : {}),
      isAvailable: true,
      isStreamable: true,
      isDownloadable: item.downloadable,
      isEmbeddable: item.embeddable,
      ...(item.durationSeconds && item.durationSeconds >= 1 ? { duration: Math.round(item.durationSeconds) } : {}),
      ...(item.availableUntil ? { streamExpirationDateTime: rfc3339(item.availableUntil) } : {}),
      enclosures: [{ href: item.url, type: item.contentType, ...(item.byteSize !== null ? { fileSize: item.byteSize } : {}) }],
      ...(source.transcriptUrl ? { transcriptWebPageLink: { href: source.transcriptUrl } } : {}),
    });
    return item.primary ? { ...link, rels: ['primary'] } : link;
  });
  const hasPrimaryAudio = audio.some((link) => 'rels' in link);

  const lead = source.leadImage;
  const leadLink = lead?.files.length
    ? asset('image-lead', {
        profiles: [profile('image', 'type'), profile('document')],
        ...(lead.caption ? { caption: lead.caption } : {}),
        altText: lead.alt,
        producer: lead.credit,
        enclosures: lead.files.flatMap((file) => {
          const rels = CDS_CROP_RELS[file.aspect];
          return rels ? [{ href: file.url, rels, type: file.type, width: file.width, height: file.height }] : [];
        }),
      })
    : null;
  const bodyImages = source.images.map((image, i) => {
    const link = asset(`image-${i + 1}`, {
      profiles: [profile('image', 'type'), profile('document')],
      ...(image.caption ? { caption: image.caption } : {}),
      altText: image.alt,
      ...(image.credit ? { producer: image.credit } : {}),
      enclosures: [{ href: image.url, rels: ['primary'], ...(image.contentType ? { type: image.contentType } : {}) }],
    });
    return i === 0 && !leadLink ? { ...link, rels: ['primary'] } : link;
  });
  // The lead photo is the story's primary image; without one, the body's first image is.
  const images = leadLink ? [{ ...leadLink, rels: ['primary'] }, ...bodyImages] : bodyImages;

  const layout = [
    asset('body', {
      profiles: [profile('html-block', 'type'), profile('document')],
      html: source.bodyHtml || `<p>${escapeHtml(source.teaser || source.headline)}</p>`,
    }),
  ];

  const collections = [
    ...(source.program
      ? [{ href: `/v1/documents/${cdsDocumentId(settings.prefix, source.program.id, 'program')}`, rels: ['program'] }]
      : []),
    ...source.tags.map((tag) => ({
      href: `/v1/documents/${cdsDocumentId(settings.prefix, tag.id, 'tag')}`,
      rels: [tag.type === 'topic' ? 'topic' : 'slug'],
    })),
  ];

  const profiles = [
    profile('story', 'type'),
    profile('publishable', 'interface'),
    profile('document'),
    profile('buildout', 'interface'),
    profile('renderable', 'interface'),
    ...(images.length ? [profile('has-images', 'interface')] : []),
    ...(audio.length ? [profile('has-audio', 'interface')] : []),
    ...(hasPrimaryAudio ? [profile('listenable', 'interface')] : []),
    ...(corrections.length ? [profile('has-corrections', 'interface')] : []),
  ];

  return {
    id,
    profiles,
    title: source.headline,
    ...(source.teaser ? { teaser: source.teaser } : {}),
    ...(source.publishedAt ? { publishDateTime: rfc3339(source.publishedAt) } : {}),
    editorialLastModifiedDateTime: rfc3339(source.updatedAt),
    ...(source.recommendUntil ? { recommendUntilDateTime: rfc3339(source.recommendUntil) } : {}),
    owners: organizations(settings),
    brandings: organizations(settings),
    authorizedOrgServiceIds: settings.serviceId ? [settings.serviceId] : [],
    bylines,
    ...(corrections.length ? { corrections } : {}),
    ...(audio.length ? { audio } : {}),
    ...(images.length ? { images } : {}),
    collections,
    layout,
    webPages: [{ href: source.canonicalUrl, rels: ['canonical'] }],
    assets,
  };
}

export interface CdsBiographySource {
  id: string;
  name: string;
  title: string;
  bioText: string;
  canonicalUrl: string;
  /** The correspondent's live stories, newest first (at most 100: the aggregation profile's limit). */
  storyIds: string[];
}

/** A correspondent's `biography` document (an aggregation of their stories). */
export function cdsBiographyDocument(source: CdsBiographySource, settings: CdsSettings): CdsDocument {
  return {
    id: cdsDocumentId(settings.prefix, source.id, 'bio'),
    profiles: [
      profile('biography', 'type'),
      profile('aggregation', 'interface'),
      profile('publishable', 'interface'),
      profile('document'),
      profile('renderable', 'interface'),
    ],
    title: source.name,
    ...(source.title ? { subtitle: source.title } : {}),
    ...(source.bioText ? { teaser: source.bioText } : {}),
    owners: organizations(settings),
    brandings: organizations(settings),
    items: source.storyIds.slice(0, 100).map((storyId) => ({ href: `/v1/documents/${cdsDocumentId(settings.prefix, storyId)}` })),
    layout: [],
    webPages: [{ href: source.canonicalUrl, rels: ['canonical'] }],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * What CDS would refuse, or what would make the story invisible in NPR One, before sending: no
 * primary audio (NPR One is listen-first), no program collection (no show label), an image without
 * a credit, a teaser longer than CDS_TEASER_MAX, no document id prefix or no organization service
 * id configured (CDS refuses a document without owners).
 */
export function cdsChecks(
  source: Pick<CdsStorySource, 'teaser' | 'audio' | 'program' | 'images'>,
  settings: { prefix: string | null; serviceId: string | null },
): CdsCheck[] {
  const checks: CdsCheck[] = [];
  if (!settings.prefix)
    checks.push({ code: 'no_prefix', message: 'No CDS document id prefix is configured (Settings → Distribution): nothing can be pushed' });
  if (!settings.serviceId)
    checks.push({ code: 'no_service_id', message: 'No CDS organization service id is configured: CDS refuses documents without owners' });
  if (!source.audio.some((item) => item.primary))
    checks.push({ code: 'no_audio', message: 'No playable primary audio: NPR One will not list this story' });
  if (!source.program) checks.push({ code: 'no_program', message: 'No program: the story has no show label in NPR One' });
  for (const image of source.images)
    if (!image.credit.trim()) checks.push({ code: 'image_credit', message: `The image ${image.url} has no credit` });
  if (source.teaser.length > CDS_TEASER_MAX)
    checks.push({ code: 'teaser_length', message: `The teaser has ${source.teaser.length} characters; NPR One shows ${CDS_TEASER_MAX}` });
  return checks;
}
