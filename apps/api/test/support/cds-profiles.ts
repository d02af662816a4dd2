import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';

/**
 * JSON Schemas (draft 2019-09, as NPR writes them) for the CDS profiles Newsdesk's documents claim,
 * written here from NPR's published profile definitions: the CDS documentation
 * (https://npr.github.io/content-distribution-service/) and the profile schemas CDS serves at
 * `GET https://content.api.npr.org/v1/profiles/{name}` and `/v1/schemas/{name}` (read 2026-12-06
 * from the public copies in github.com/tmoody1973/npr-cds-openapi, profiles/*.json and
 * schemas/*.json). Each rule below names the definition it comes from. Not copies: only the rules
 * that concern the fields Newsdesk writes, plus the required fields of each profile.
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => Ajv2019;

// schemas/link.json: href required, an iri-reference; rels unique, each a URI or a token ^[a-z][a-z0-9.-]*$.
const link = {
  $id: 'link',
  type: 'object',
  required: ['href'],
  properties: {
    // NPR says iri-reference (RFC 3987); ajv-formats has uri-reference, which is stricter for ASCII hrefs like ours.
    href: { type: 'string', format: 'uri-reference' },
    rels: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^[a-z][a-z0-9.-]*$' } },
  },
};
// schemas/asset-link.json: a link whose href is a JSON pointer into this document (^#/).
const assetLink = { $id: 'asset-link', allOf: [{ $ref: 'link' }, { properties: { href: { pattern: '^#/' } } }] };
// schemas/internal-document-link.json: href ^/v1/documents/.
const internalLink = { $id: 'internal-link', allOf: [{ $ref: 'link' }, { properties: { href: { pattern: '^/v1/documents/' } } }] };
// schemas/external-link.json: href ^https?:// (case-insensitive in NPR's pattern).
const externalLink = { $id: 'external-link', allOf: [{ $ref: 'link' }, { properties: { href: { pattern: '^[hH][tT]{2}[pP][sS]?://' } } }] };
// schemas/documentId.json: the id pattern.
const documentId = { $id: 'document-id', type: 'string', pattern: '^([1-9]+[0-9]*(-[a-z0-9-]+)?|[a-z]+[a-z0-9]*-[a-z0-9-]+)$' };

/** profiles/document.json: id + profiles required; exactly one profile link has the rel `type` (contains + maxContains 1). */
const document = {
  $id: 'document',
  type: 'object',
  required: ['id', 'profiles'],
  properties: {
    id: { $ref: 'document-id' },
    profiles: {
      type: 'array',
      uniqueItems: true,
      minItems: 1,
      items: { $ref: 'link' },
      contains: { type: 'object', required: ['rels'], properties: { rels: { type: 'array', contains: { const: 'type' } } } },
      maxContains: 1,
    },
    authorizedOrgServiceIds: { type: 'array', uniqueItems: true, items: { type: 'string' } },
  },
};

const orgLink = { allOf: [{ $ref: 'external-link' }, { not: { required: ['rels'] } }] };
const dateTime = { type: 'string', format: 'date-time' };
/** profiles/publishable.json: title (minLength 1), brandings and owners (owners minItems 1) required; the link kinds and rel enums. */
const publishable = {
  $id: 'publishable',
  type: 'object',
  required: ['brandings', 'owners', 'title'],
  properties: {
    title: { type: 'string', minLength: 1 },
    subtitle: { type: 'string', minLength: 1 },
    teaser: { type: 'string' },
    brandings: { type: 'array', uniqueItems: true, items: orgLink },
    owners: { type: 'array', minItems: 1, uniqueItems: true, items: orgLink },
    publishDateTime: dateTime,
    editorialLastModifiedDateTime: dateTime,
    recommendUntilDateTime: dateTime,
    bylines: { type: 'array', items: { allOf: [{ $ref: 'asset-link' }, { not: { required: ['rels'] } }] } },
    corrections: { type: 'array', items: { allOf: [{ $ref: 'asset-link' }, { not: { required: ['rels'] } }] } },
    collections: {
      type: 'array',
      uniqueItems: true,
      items: {
        allOf: [
          { $ref: 'internal-link' },
          {
            properties: {
              rels: {
                items: {
                  enum: [
                    'blog',
                    'category',
                    'collection',
                    'episode',
                    'genre',
                    'podcast-category',
                    'podcast-channel',
                    'program',
                    'secondary',
                    'series',
                    'slug',
                    'superseries',
                    'theme',
                    'topic',
                    'byline',
                    'contributor',
                    'music-artist',
                  ],
                },
              },
            },
          },
        ],
      },
    },
    webPages: {
      type: 'array',
      items: {
        allOf: [
          { $ref: 'external-link' },
          { properties: { rels: { items: { enum: ['canonical', 'appears-on', 'npr-one', 'apple-podcasts', 'spotify'] } } } },
        ],
      },
    },
    assets: { type: 'object', additionalProperties: { $ref: 'document' } },
  },
};
/** profiles/story.json: no required fields of its own (editorialMajorUpdateDateTime is optional). */
const story = { $id: 'story', type: 'object', properties: { editorialMajorUpdateDateTime: dateTime } };
/** schemas/has-layout.json: layout required, items asset links; profiles/buildout.json: layout non-empty or a built-out profile. */
const hasLayout = {
  $id: 'has-layout',
  type: 'object',
  required: ['layout'],
  properties: { layout: { type: 'array', items: { $ref: 'asset-link' } } },
};
const buildout = {
  $id: 'buildout',
  anyOf: [
    {
      required: ['profiles'],
      properties: {
        profiles: {
          contains: {
            properties: {
              href: {
                enum: [
                  '/v1/profiles/biography',
                  '/v1/profiles/program',
                  '/v1/profiles/topic',
                  '/v1/profiles/series',
                  '/v1/profiles/collection',
                  '/v1/profiles/blog',
                  '/v1/profiles/podcast-channel',
                  '/v1/profiles/podcast-category',
                ],
              },
            },
            required: ['href'],
          },
        },
      },
    },
    { allOf: [{ $ref: 'has-layout' }, { properties: { layout: { minItems: 1 } } }] },
  ],
};
/** profiles/renderable.json: has-layout, and webPages (minItems 1) containing a link with the rel `canonical`. */
const renderable = {
  $id: 'renderable',
  allOf: [
    { $ref: 'has-layout' },
    {
      required: ['webPages'],
      properties: {
        webPages: {
          type: 'array',
          minItems: 1,
          contains: { required: ['rels'], properties: { rels: { contains: { const: 'canonical' } } } },
        },
      },
    },
  ],
};
/** profiles/has-images.json: images required, asset links; rels from its enum (primary, …). */
const hasImages = {
  $id: 'has-images',
  required: ['images'],
  properties: {
    images: {
      type: 'array',
      minItems: 1,
      items: {
        allOf: [
          { $ref: 'asset-link' },
          {
            properties: {
              rels: {
                items: {
                  enum: [
                    'logo',
                    'premium-logo',
                    'promo-image-brick',
                    'promo-image-wide',
                    'promo-image-square',
                    'promo-image-standard',
                    'primary',
                    'headshot',
                    'thumbnail',
                  ],
                },
              },
            },
          },
        ],
      },
    },
  },
};
/** profiles/has-audio.json: audio required (minItems 1), asset links, rels from its enum. */
const hasAudio = {
  $id: 'has-audio',
  required: ['audio'],
  properties: {
    audio: {
      type: 'array',
      minItems: 1,
      items: {
        allOf: [
          { $ref: 'asset-link' },
          {
            properties: {
              rels: {
                items: {
                  enum: [
                    'intro',
                    'headline',
                    'nprone-override',
                    'promo',
                    'primary',
                    'newscast',
                    'npr-newscast',
                    'station-newscast',
                    'consortium-newscast',
                  ],
                },
              },
            },
          },
        ],
      },
    },
  },
};
/** profiles/listenable.json: the has-audio profile listed, and audio containing a `primary` link. */
const listenable = {
  $id: 'listenable',
  required: ['audio'],
  properties: {
    profiles: { contains: { required: ['href'], properties: { href: { const: '/v1/profiles/has-audio' } } } },
    audio: { type: 'array', minItems: 1, contains: { required: ['rels'], properties: { rels: { contains: { const: 'primary' } } } } },
  },
};
/** profiles/has-corrections.json: corrections required, unique asset links. */
const hasCorrections = {
  $id: 'has-corrections',
  required: ['corrections'],
  properties: { corrections: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: 'asset-link' } } },
};

// Asset profiles.
/** profiles/byline.json: name required. */
const byline = { $id: 'byline', required: ['name'], properties: { name: { type: 'string' } } };
/** profiles/reference-byline.json: bylineDocuments (minItems 1) of internal document links with rels from ['biography']. */
const referenceByline = {
  $id: 'reference-byline',
  required: ['bylineDocuments'],
  properties: {
    bylineDocuments: {
      type: 'array',
      minItems: 1,
      contains: { allOf: [{ $ref: 'internal-link' }, { properties: { rels: { items: { enum: ['biography'] } } } }] },
    },
  },
};
/** profiles/correction.json: text and dateTime required. */
const correction = {
  $id: 'correction',
  required: ['text', 'dateTime'],
  properties: { title: { type: 'string' }, text: { type: 'string' }, dateTime: dateTime },
};
/** profiles/audio.json + schemas/audio-file-link.json: enclosures and the four is* booleans required; duration an integer ≥ 1; enclosures external links with a type and an integer fileSize ≥ 0; transcriptWebPageLink an external link without rels. */
const audio = {
  $id: 'audio',
  required: ['enclosures', 'isAvailable', 'isDownloadable', 'isEmbeddable', 'isStreamable'],
  properties: {
    title: { type: 'string' },
    enclosures: {
      type: 'array',
      items: {
        allOf: [
          { $ref: 'external-link' },
          {
            properties: {
              type: { type: 'string' },
              fileSize: { type: 'integer', minimum: 0 },
              rels: { items: { enum: ['premium', 'sponsored', 'tracked'] } },
            },
          },
        ],
      },
    },
    duration: { type: 'integer', minimum: 1 },
    isAvailable: { type: 'boolean' },
    isDownloadable: { type: 'boolean' },
    isEmbeddable: { type: 'boolean' },
    isStreamable: { type: 'boolean' },
    streamExpirationDateTime: dateTime,
    transcriptWebPageLink: { allOf: [{ $ref: 'external-link' }, { not: { required: ['rels'] } }] },
  },
};
/**
 * profiles/image.json + schemas/crop-link.json (+ media-link.json): enclosures required, external links
 * with rels from its enum, `width`/`height` integers ≥ 1, and no other property (unevaluatedProperties: false).
 */
const image = {
  $id: 'image',
  required: ['enclosures'],
  properties: {
    enclosures: {
      type: 'array',
      minItems: 1,
      items: {
        unevaluatedProperties: false,
        allOf: [
          { $ref: 'external-link' },
          {
            properties: {
              href: true,
              hrefTemplate: { type: 'string' },
              width: { type: 'integer', minimum: 1 },
              height: { type: 'integer', minimum: 1 },
              type: { type: 'string' },
              rels: {
                items: {
                  enum: [
                    'primary',
                    'scalable',
                    'image-standard',
                    'image-square',
                    'image-wide',
                    'image-enlargement',
                    'image-custom',
                    'image-brick',
                    'image-vertical',
                    'image-vertical-wide',
                    'image-slide',
                  ],
                },
              },
            },
          },
        ],
      },
    },
    altText: { type: 'string' },
    caption: { type: 'string' },
    producer: { type: 'string' },
    provider: { type: 'string' },
  },
};
/** profiles/html-block.json: html required. */
const htmlBlock = { $id: 'html-block', required: ['html'], properties: { html: { type: 'string' } } };
/** profiles/biography.json (schemas/document-with-aggregation-profile.json): the aggregation profile listed; profiles/aggregation.json: items required, at most 100 internal document links without rels. */
const biography = {
  $id: 'biography',
  required: ['profiles'],
  properties: { profiles: { contains: { required: ['href'], properties: { href: { const: '/v1/profiles/aggregation' } } } } },
};
const aggregation = {
  $id: 'aggregation',
  required: ['items'],
  properties: { items: { type: 'array', maxItems: 100, items: { allOf: [{ $ref: 'internal-link' }, { not: { required: ['rels'] } }] } } },
};

const ajv = addFormats(new Ajv2019({ allErrors: true, strict: false }));
for (const schema of [
  link,
  assetLink,
  internalLink,
  externalLink,
  documentId,
  document,
  publishable,
  story,
  hasLayout,
  buildout,
  renderable,
  hasImages,
  hasAudio,
  listenable,
  hasCorrections,
  byline,
  referenceByline,
  correction,
  audio,
  image,
  htmlBlock,
  biography,
  aggregation,
])
  ajv.addSchema(schema);

/** The profile names this module can check. */
export const KNOWN_PROFILES = new Set([
  'document',
  'publishable',
  'story',
  'buildout',
  'renderable',
  'has-images',
  'has-audio',
  'listenable',
  'has-corrections',
  'byline',
  'reference-byline',
  'correction',
  'audio',
  'image',
  'html-block',
  'biography',
  'aggregation',
]);

/**
 * Every error of `doc` against each profile it lists (document always), and of each asset against
 * the profiles it lists, with where it is. Also: every asset link (`#/assets/<id>`) must resolve.
 */
export function cdsErrors(doc: Record<string, unknown>, where = '$'): string[] {
  const errors: string[] = [];
  const profiles = ((doc.profiles as Array<{ href: string }> | undefined) ?? []).map((p) => p.href.replace('/v1/profiles/', ''));
  for (const name of new Set(['document', ...profiles])) {
    if (!KNOWN_PROFILES.has(name)) {
      errors.push(`${where}: profile ${name} is not checked here`);
      continue;
    }
    const validate = ajv.getSchema(name)!;
    if (!validate(doc)) for (const error of validate.errors ?? []) errors.push(`${where} [${name}] ${error.instancePath} ${error.message}`);
  }
  const assets = (doc.assets as Record<string, Record<string, unknown>> | undefined) ?? {};
  for (const [id, asset] of Object.entries(assets)) {
    if (asset.id !== id) errors.push(`${where}.assets.${id}: its id is ${String(asset.id)}`);
    errors.push(...cdsErrors(asset, `${where}.assets.${id}`));
  }
  const json = JSON.stringify(doc);
  for (const match of json.matchAll(/"href":"#\/assets\/([^"]+)"/g))
    if (!assets[match[1]!]) errors.push(`${where}: #/assets/${match[1]} does not resolve`);
  return errors;
}
