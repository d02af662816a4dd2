import { OUTPUT_ASPECTS, absoluteUrl, largestRendition, RENDITION_EXTENSIONS, type PublicStory } from '@newsdesk/contracts';
import type { PublicLinks } from './public-links.js';

/**
 * IPTC ninjs 2.1 (News in JSON, https://www.iptc.org/std/ninjs/) of a live story, for partners: the
 * second machine format beside the schema.org JSON-LD. Built from the public story JSON, so it shows
 * nothing readers cannot see. The mapping, field by field, is in docs/open-web.md; the JSON Schema
 * the tests validate it with is written from the published 2.1 schema (test/support/ninjs-schema.ts).
 */
export const NINJS_VERSION = '2.1';
export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json';

interface NinjsText {
  role?: string;
  contenttype?: string;
  value: string;
  charcount?: number;
  wordcount?: number;
}

interface NinjsRendition {
  name: string;
  href?: string;
  contenttype?: string;
  title?: string;
  width?: number;
  height?: number;
  sizeinbytes?: number;
  duration?: number;
}

interface NinjsConcept {
  name?: string;
  rel?: string;
  uri?: string;
  literal?: string;
}

/** The ninjs 2.1 properties this API writes (all optional in the standard but `uri`). */
export interface NinjsItem {
  uri: string;
  standard?: { name: string; version: string; schema: string };
  type?: 'text' | 'audio' | 'video' | 'picture' | 'graphic' | 'composite' | 'component';
  representationtype?: 'full' | 'partial';
  profile?: string;
  version?: string;
  firstcreated?: string;
  versioncreated?: string;
  pubstatus?: 'usable' | 'withheld' | 'canceled';
  copyrightholder?: string;
  language?: string;
  slugline?: string;
  located?: string;
  by?: string;
  headlines?: NinjsText[];
  descriptions?: NinjsText[];
  bodies?: NinjsText[];
  people?: NinjsConcept[];
  organisations?: NinjsConcept[];
  places?: NinjsConcept[];
  subjects?: NinjsConcept[];
  expires?: string;
  renditions?: NinjsRendition[];
  associations?: Array<NinjsItem & { name: string }>;
  altids?: Array<{ role?: string; value?: string }>;
}

export interface NinjsSource {
  /** The story's id (stable across slug changes): the item's uri is `urn:uuid:<id>`. */
  id: string;
  version: number;
  story: Omit<PublicStory, 'jsonLd'>;
  /** The transcript as broadcast plain text, or null. */
  transcript: string | null;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
/** The text of an HTML body (tags out, the five XML entities and numeric references decoded), for counts. */
const htmlText = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');

/** Byline names as a byline reads: "A", "A and B", "A, B and C". */
export function byline(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function storyNinjs({ id, version, story, transcript }: NinjsSource, links: PublicLinks): NinjsItem {
  const concept = (tag: { name: string; slug: string }): NinjsConcept => ({ name: tag.name, uri: links.tag(tag.slug), literal: tag.slug });
  const tagsOf = (type: string) => story.tags.filter((tag) => tag.type === type).map(concept);
  const bodyText = htmlText(story.bodyHtml).trim();
  const pictures = story.images.map((image, index): NinjsItem & { name: string } => ({
    name: `picture-${index + 1}`,
    uri: image.url,
    type: 'picture',
    representationtype: 'full',
    ...(image.alt ? { descriptions: [{ role: 'alt', contenttype: 'text/plain', value: image.alt }] } : {}),
    ...(image.credit ? { by: image.credit, copyrightholder: image.credit } : {}),
    renditions: [
      { name: 'original', href: image.url, ...(image.width && image.height ? { width: image.width, height: image.height } : {}) },
    ],
  }));
  // The lead photo: one picture association with every rendition (each aspect, width and type), its credit and alt text.
  const lead = story.image;
  const leadFile = lead && (largestRendition(lead, links.api, 'original') ?? largestRendition(lead, links.api, 'wide'));
  const leadPicture: Array<NinjsItem & { name: string }> =
    lead && leadFile
      ? [
          {
            name: 'leadimage',
            uri: leadFile.url,
            type: 'picture',
            representationtype: 'full',
            descriptions: [
              { role: 'alt', contenttype: 'text/plain', value: lead.alt },
              ...(lead.caption ? [{ role: 'caption', contenttype: 'text/plain', value: lead.caption }] : []),
            ],
            by: lead.credit,
            copyrightholder: lead.credit,
            renditions: OUTPUT_ASPECTS.flatMap((aspect) =>
              lead.renditions
                .filter((r) => r.aspect === aspect)
                .map((r) => ({
                  name: `${aspect}-${r.width}-${RENDITION_EXTENSIONS[r.type]}`,
                  href: absoluteUrl(links.api, r.url),
                  contenttype: r.type,
                  width: r.width,
                  height: r.height,
                })),
            ),
          },
        ]
      : [];
  const audio = story.audioItems.map((item, index): NinjsItem & { name: string } => ({
    name: `audio-${index + 1}`,
    uri: item.url,
    type: 'audio',
    representationtype: 'full',
    headlines: [{ role: 'main', value: item.title }],
    ...(item.availableUntil ? { expires: item.availableUntil } : {}),
    renditions: [
      {
        name: item.primary ? 'primary' : `audio-${index + 1}`,
        href: item.url,
        contenttype: item.contentType,
        ...(item.byteSize !== null ? { sizeinbytes: item.byteSize } : {}),
        ...(item.durationSeconds !== null ? { duration: item.durationSeconds } : {}),
      },
    ],
  }));
  const versioncreated = Date.parse(story.updatedAt) > Date.parse(story.publishedAt) ? story.updatedAt : story.publishedAt;
  const item: NinjsItem = {
    uri: `urn:uuid:${id}`,
    standard: { name: 'ninjs', version: NINJS_VERSION, schema: NINJS_SCHEMA_URI },
    type: 'text',
    representationtype: 'full',
    profile: 'newsdesk-story',
    version: String(version),
    firstcreated: story.publishedAt,
    versioncreated,
    pubstatus: 'usable',
    copyrightholder: links.publisher.name,
    language: links.language,
    slugline: story.slug,
    ...(story.dateline ? { located: story.dateline } : {}),
    ...(story.bylines.length ? { by: byline(story.bylines.map((b) => b.name)) } : {}),
    headlines: [{ role: 'main', contenttype: 'text/plain', value: story.headline }],
    descriptions: [
      ...(story.teaser ? [{ role: 'summary', contenttype: 'text/plain', value: story.teaser }] : []),
      ...story.corrections.map((c) => ({ role: 'correction', contenttype: 'text/plain', value: `${c.correctedAt}: ${c.text}` })),
      ...(story.credit ? [{ role: 'credit', contenttype: 'text/plain', value: story.credit }] : []),
    ],
    bodies: [
      { role: 'main', contenttype: 'text/html', value: story.bodyHtml, charcount: bodyText.length, wordcount: words(bodyText) },
      ...(transcript
        ? [{ role: 'transcript', contenttype: 'text/plain', value: transcript, charcount: transcript.length, wordcount: words(transcript) }]
        : []),
    ],
    people: [
      ...story.bylines.map((b) => ({
        name: b.name,
        rel: 'author',
        ...(b.hasPage ? { uri: links.correspondent(b.slug) } : {}),
        literal: b.slug,
      })),
      ...tagsOf('person').map((c) => ({ ...c, rel: 'subject' })),
    ],
    organisations: tagsOf('organization').map((c) => ({ ...c, rel: 'subject' })),
    places: tagsOf('place').map((c) => ({ ...c, rel: 'subject' })),
    subjects: [...tagsOf('topic'), ...tagsOf('program')].map((c) => ({ ...c, rel: 'subject' })),
    renditions: [
      { name: 'web', href: links.story(story.slug), contenttype: 'text/html', title: story.headline },
      { name: 'json', href: `${links.api}/api/public/stories/${story.slug}`, contenttype: 'application/json' },
    ],
    associations: [...leadPicture, ...pictures, ...audio],
    altids: [{ role: 'slug', value: story.slug }],
  };
  // Empty arrays say nothing: leave them out.
  for (const key of Object.keys(item) as Array<keyof NinjsItem>) {
    const value = item[key];
    if (Array.isArray(value) && value.length === 0) delete item[key];
  }
  return item;
}
