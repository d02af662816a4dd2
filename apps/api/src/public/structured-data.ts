import { largestRendition, type PublicCorrespondent, type PublicStory } from '@newsdesk/contracts';
import type { AudioObject, CorrectionComment, ImageObject, NewsArticle, Organization, Person, WithContext } from 'schema-dts';
import type { PublicLinks } from './public-links.js';

/**
 * schema.org JSON-LD (https://schema.org, typed by schema-dts) for the public story and
 * correspondent JSON: the object a page embeds as <script type="application/ld+json">. Built from the
 * public JSON itself (so it shows nothing the JSON does not), with every URL absolute and from
 * configuration (PublicLinks). Google's Article guidelines: every property is recommended, none
 * required; test/open-web.e2e-spec.ts checks the recommended ones.
 */

/** A story as its JSON-LD is built from: the public JSON without jsonLd (a preview's may have no publication instant yet). */
export type StoryForJsonLd = Omit<PublicStory, 'jsonLd' | 'publishedAt'> & { publishedAt: string | null };
export type CorrespondentForJsonLd = Omit<PublicCorrespondent, 'jsonLd'>;

/** A path of this API (e.g. a photo's `/api/media/{id}`) made absolute; absolute URLs stay. */
const absolute = (links: PublicLinks, url: string) => (url.startsWith('/') ? `${links.api}${url}` : url);

/** The publisher: the configured name and logo. */
export function publisherJsonLd(links: PublicLinks): Organization {
  return {
    '@type': 'Organization',
    name: links.publisher.name,
    ...(links.publisher.logo ? { logo: { '@type': 'ImageObject', url: links.publisher.logo } satisfies ImageObject } : {}),
  };
}

/** An ISO 8601 duration (schema.org Duration) of a number of seconds. */
export const isoDuration = (seconds: number) => `PT${Math.round(seconds * 1000) / 1000}S`;

/** The later of two ISO instants. */
const later = (a: string, b: string | null) => (b && Date.parse(b) > Date.parse(a) ? b : a);

export function newsArticleJsonLd(story: StoryForJsonLd, links: PublicLinks): WithContext<NewsArticle> {
  const url = links.story(story.slug);
  const authors = story.bylines.map((byline): Person => ({
    '@type': 'Person',
    name: byline.name,
    // Only a published profile has a page to point at.
    ...(byline.hasPage ? { url: links.correspondent(byline.slug) } : {}),
    ...(byline.title ? { jobTitle: byline.title } : {}),
  }));
  // The lead photo first, in the aspects Google asks of an article image (16:9, 4:3 — our 3:2 — and
  // 1:1), each its largest JPEG, with its credit; then the body's images.
  const lead = story.image;
  const leadImages = lead
    ? (['wide', 'standard', 'square'] as const).flatMap((aspect): ImageObject[] => {
        const file = largestRendition(lead, links.api, aspect);
        return file
          ? [
              {
                '@type': 'ImageObject',
                url: file.url,
                contentUrl: file.url,
                width: `${file.width}`,
                height: `${file.height}`,
                encodingFormat: file.type,
                creditText: lead.credit,
                description: lead.alt,
                ...(lead.caption ? { caption: lead.caption } : {}),
              },
            ]
          : [];
      })
    : [];
  const bodyImages = story.images.map((image): ImageObject => ({
    '@type': 'ImageObject',
    url: image.url,
    contentUrl: image.url,
    ...(image.alt ? { caption: image.alt } : {}),
    ...(image.credit ? { creditText: image.credit } : {}),
    ...(image.width && image.height ? { width: `${image.width}`, height: `${image.height}` } : {}),
  }));
  const corrections = story.corrections.map((correction): CorrectionComment => ({
    '@type': 'CorrectionComment',
    text: correction.text,
    datePublished: correction.correctedAt,
  }));
  const audio = story.audioItems.map((item): AudioObject => ({
    '@type': 'AudioObject',
    name: item.title,
    contentUrl: item.url,
    encodingFormat: item.contentType,
    ...(item.durationSeconds !== null ? { duration: isoDuration(item.durationSeconds) } : {}),
    ...(item.byteSize !== null ? { contentSize: `${item.byteSize}` } : {}),
    ...(item.availableUntil ? { expires: item.availableUntil } : {}),
  }));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    url,
    mainEntityOfPage: url,
    headline: story.headline,
    ...(story.teaser ? { description: story.teaser } : {}),
    ...(story.publishedAt ? { datePublished: story.publishedAt } : {}),
    dateModified: later(story.updatedAt, story.publishedAt),
    ...(story.dateline ? { dateline: story.dateline } : {}),
    inLanguage: links.language,
    isAccessibleForFree: true,
    author: authors,
    publisher: publisherJsonLd(links),
    image: [...leadImages, ...bodyImages],
    ...(leadImages[0] ? { thumbnailUrl: leadImages[0].url as string } : {}),
    ...(story.tags.length ? { keywords: story.tags.map((tag) => tag.name) } : {}),
    ...(corrections.length ? { correction: corrections } : {}),
    ...(audio.length ? { audio } : {}),
  };
}

export function personJsonLd(correspondent: CorrespondentForJsonLd, links: PublicLinks): WithContext<Person> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: correspondent.name,
    ...(correspondent.givenName ? { givenName: correspondent.givenName } : {}),
    ...(correspondent.familyName ? { familyName: correspondent.familyName } : {}),
    url: links.correspondent(correspondent.slug),
    ...(correspondent.title ? { jobTitle: correspondent.title } : {}),
    ...(correspondent.bureau ? { workLocation: { '@type': 'Place', name: correspondent.bureau } } : {}),
    ...(correspondent.photo ? { image: absolute(links, correspondent.photo.url) } : {}),
    worksFor: publisherJsonLd(links),
    sameAs: correspondent.socialLinks.map((link) => link.url),
  };
}

/** The story JSON text (STORY_JSON) with its `jsonLd` added. */
export function withStoryJsonLd(body: string, links: PublicLinks): string {
  const story = JSON.parse(body) as StoryForJsonLd;
  return JSON.stringify({ ...story, jsonLd: newsArticleJsonLd(story, links) });
}

/** The correspondent JSON text with its `jsonLd` added. */
export function withPersonJsonLd(body: string, links: PublicLinks): string {
  const correspondent = JSON.parse(body) as CorrespondentForJsonLd;
  return JSON.stringify({ ...correspondent, jsonLd: personJsonLd(correspondent, links) });
}
