import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseRssFeed } from 'feedsmith';
import sharp from 'sharp';
import { cdsErrors } from './support/cds-profiles.js';
import { startTestApp, type TestApp } from './support/app.js';
import { insertExternalAudio } from './support/audio.js';
import { Desk, word } from './support/desk.js';
import { png, upload } from './support/images.js';
import { NINJS_2_1_SCHEMA } from './support/ninjs-schema.js';
import { markedJpeg, renditionsIdle, renditionsSettled } from './support/renditions.js';
import { createProgram } from './support/schedule.js';

/**
 * A story's lead photo follows it into every public output with a place for an image (issue 21,
 * docs/images.md "Lead photo in every output"): RSS (Media RSS) and JSON Feed, JSON-LD, ninjs,
 * the NPR CDS document and the podcast episode — each with its credit, each parsed by the external
 * parser the other tests use (fast-xml-parser, feedsmith, ajv with the ninjs and CDS schemas) and
 * each file answering. A draft or scheduled story's lead photo is in none of them.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

const API = 'https://api.radio.example';
const SITE = 'https://radio.example';
const CREDIT = 'Ana Díaz/Desk & Co';
const mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-lead-outputs-'));
let app: TestApp;
let admin: string;
let desk: Desk;
const live: Body = {};
const hidden: { keys: string[]; ids: string[] } = { keys: [], ids: [] };

/** A public URL of ours, fetched from the test server (PUBLIC_API_URL names the deployed origin). */
const local = (url: string) => (url.startsWith(API) ? app.url + url.slice(API.length) : url);
const keysOf = (value: unknown) => [...new Set(JSON.stringify(value).match(/[0-9a-f]{64}/g) ?? [])];

let marker = 0;
async function photo(width: number, height: number, fields: Record<string, string>): Promise<Body> {
  // A different marker each time: the same bytes would be the same (deduplicated) upload.
  const response = await upload(app, admin, await markedJpeg(width, height, width / 3 + 40 * ++marker, height / 2), {
    name: 'lead.jpg',
    type: 'image/jpeg',
    fields,
  });
  expect(response.status).toBe(201);
  const record = await renditionsSettled(app, admin, response.body.id);
  expect(record.renditions.state).toBe('ready');
  return record;
}

/** The file behind an output's URL: 200, a JPEG of the size the output states. */
async function expectJpeg(url: string, width: number | string, height: number | string) {
  expect(url.startsWith(`${API}/api/public/images/`)).toBe(true);
  const response = await fetch(local(url));
  expect(response.status).toBe(200);
  const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
    format: 'jpeg',
    width: Number(width),
    height: Number(height),
  });
}

beforeAll(async () => {
  app = await startTestApp({
    PUBLIC_API_URL: API,
    PUBLIC_SITE_URL: SITE,
    STORY_URL_TEMPLATE: `${SITE}/stories/{slug}`,
    MEDIA_DIR: mediaDir,
    IMAGE_JOBS: '2',
  });
  admin = (await app.signIn(['admin'])).token;
  desk = new Desk(app, admin);
  const art = await upload(app, admin, png(1400, 1400), { name: 'art.png', type: 'image/png' });
  const program = await createProgram(app, admin, { description: 'Mornings.' });
  await desk.call('PUT', `/api/programs/${program.id}/podcast`, {
    version: 1,
    enabled: true,
    title: 'Mornings podcast',
    description: 'Daily news.',
    artworkMediaId: art.body.id,
    category: 'News',
    ownerName: 'Newsroom',
    ownerEmail: 'podcasts@radio.example',
    author: 'Test Public Radio',
  });
  const tag = await desk.tag(word('Harbour'));
  const lead = await photo(2400, 1600, { alt: 'A ferry leaving the harbour', credit: CREDIT });
  const caption = await app.request('PATCH', `/api/media/${lead.id}`, {
    token: admin,
    body: { version: lead.version, caption: 'The last ferry of the season.' },
  });
  expect(caption.status).toBe(200);
  const audio = async () => [{ assetId: await insertExternalAudio(app.db, { byteSize: 480_000, durationMs: 30_000 }) }];
  const story = await desk.publish(
    await desk.story({ headline: word('Ferry'), programId: program.id, tagIds: [tag.id], leadImageId: lead.id, audio: await audio() }),
  );
  Object.assign(live, { story, lead: (await renditionsSettled(app, admin, lead.id)) as Body, program, tag });
  // A draft and a scheduled story of the same program and tag, each leading with a publishable photo of its own.
  for (const publishAt of [null, new Date(Date.now() + 86_400_000).toISOString()]) {
    const secret = await photo(900, 600, { alt: 'Embargoed scene', credit: 'Secret Photographer' });
    const draft = await desk.story({
      headline: word('Secret'),
      programId: program.id,
      tagIds: [tag.id],
      leadImageId: secret.id,
      audio: await audio(),
    });
    if (publishAt) await desk.publish(draft, publishAt);
    hidden.ids.push(secret.id);
    hidden.keys.push(...keysOf(secret));
  }
  expect(hidden.keys.length).toBeGreaterThan(20);
}, 240_000);
afterAll(async () => {
  await renditionsIdle(app, 90_000);
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
}, 120_000);

/** Every public output that could carry a lead photo. */
const outputs = () => [
  '/api/public/feeds/latest.rss',
  '/api/public/feeds/latest.json',
  `/api/public/feeds/tags/${live.tag.slug}.rss`,
  `/api/public/feeds/tags/${live.tag.slug}.json`,
  `/api/public/programs/${live.program.slug}/podcast.rss`,
  `/api/public/stories/${live.story.slug}`,
  `/api/public/stories/${live.story.slug}.ninjs.json`,
  '/api/public/stories?limit=50',
];

async function text(path: string): Promise<string> {
  const response = await app.request('GET', path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text;
}

/** The lead photo's largest JPEG of an aspect (from the staff record). */
function largest(aspect: string, maxWidth = Infinity): Body {
  return (live.lead.renditions.items as Body[])
    .filter((r) => r.aspect === aspect && r.type === 'image/jpeg' && r.width <= maxWidth)
    .sort((a, b) => b.width - a.width)[0];
}

describe('lead photo in every output', () => {
  it('RSS: a Media RSS media:content (the 16:9 JPEG up to 1600 px) with alt text and credit, well-formed, read by feedsmith', async () => {
    for (const path of ['/api/public/feeds/latest.rss', `/api/public/feeds/tags/${live.tag.slug}.rss`]) {
      const body = await text(path);
      expect(XMLValidator.validate(body)).toBe(true);
      const rss = new XMLParser({ ignoreAttributes: false }).parse(body);
      const item = [rss.rss.channel.item].flat().find((i: Body) => i.title === live.story.headline);
      const media = item['media:content'];
      expect(media['@_medium']).toBe('image');
      expect(media['@_type']).toBe('image/jpeg');
      expect(media['media:credit']).toBe(CREDIT);
      expect(media['media:description']['#text']).toBe('A ferry leaving the harbour');
      expect(Number(media['@_width']) / Number(media['@_height'])).toBeCloseTo(16 / 9, 1);
      expect(Number(media['@_width'])).toBeLessThanOrEqual(1600);
      await expectJpeg(media['@_url'], media['@_width'], media['@_height']);
      const parsed = parseRssFeed(body) as Body;
      const read = parsed.items.find((i: Body) => i.title === live.story.headline);
      expect(JSON.stringify(read)).toContain(media['@_url']);
      expect(JSON.stringify(read)).toContain('Ana Díaz/Desk & Co');
    }
  });

  it('JSON Feed: the item image and the _lead_image extension with its credit', async () => {
    const feed = JSON.parse(await text('/api/public/feeds/latest.json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    const item = feed.items.find((i: Body) => i.title === live.story.headline);
    expect(item._lead_image).toMatchObject({ url: item.image, alt: 'A ferry leaving the harbour', credit: CREDIT });
    expect(item._lead_image.caption).toBe('The last ferry of the season.');
    await expectJpeg(item.image, item._lead_image.width, item._lead_image.height);
  });

  it('JSON-LD: ImageObjects of the 16:9, 3:2 and 1:1 crops first, with creditText, width and height', async () => {
    const story = JSON.parse(await text(`/api/public/stories/${live.story.slug}`));
    const images = story.jsonLd.image as Body[];
    expect(images.map((image) => Number(image.width) / Number(image.height))).toEqual([
      expect.closeTo(16 / 9, 1),
      expect.closeTo(3 / 2, 1),
      1,
    ]);
    for (const image of images) {
      expect(image).toMatchObject({ '@type': 'ImageObject', creditText: CREDIT, caption: 'The last ferry of the season.' });
      expect(image.contentUrl).toBe(image.url);
      // Google: at least 50,000 pixels, crawlable.
      expect(Number(image.width) * Number(image.height)).toBeGreaterThanOrEqual(50_000);
      await expectJpeg(image.url, image.width, image.height);
    }
    expect(story.jsonLd.thumbnailUrl).toBe(images[0].url);
  });

  it('ninjs: a picture association with every rendition, the credit as by and copyrightholder, valid against ninjs 2.1', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
    addFormats(ajv);
    const validate = ajv.compile(NINJS_2_1_SCHEMA);
    const item = JSON.parse(await text(`/api/public/stories/${live.story.slug}.ninjs.json`));
    expect(validate(item)).toBe(true);
    const picture = item.associations[0];
    expect(picture).toMatchObject({ name: 'leadimage', type: 'picture', by: CREDIT, copyrightholder: CREDIT });
    expect(picture.descriptions).toEqual([
      { role: 'alt', contenttype: 'text/plain', value: 'A ferry leaving the harbour' },
      { role: 'caption', contenttype: 'text/plain', value: 'The last ferry of the season.' },
    ]);
    const story = JSON.parse(await text(`/api/public/stories/${live.story.slug}`));
    expect(picture.renditions).toHaveLength(story.image.renditions.length);
    expect(new Set(picture.renditions.map((r: Body) => r.name)).size).toBe(picture.renditions.length);
    const square = picture.renditions.find((r: Body) => r.name === `square-${largest('square').width}-jpg`);
    await expectJpeg(square.href, square.width, square.height);
  });

  it('CDS: the primary image document with wide, standard, square and enlargement enclosures and the credit as producer, valid against the NPR profiles', async () => {
    const current = await app.request('GET', '/api/distribution/settings', { token: admin });
    await desk.call('PUT', '/api/distribution/settings', { version: current.body.version, cdsPrefix: 'kxyz', cdsServiceId: 's1234' });
    const doc = await desk.call('GET', `/api/stories/${live.story.id}/cds`);
    expect(cdsErrors(doc)).toEqual([]);
    expect(doc.images[0]).toEqual({ href: `#/assets/kxyz-${live.story.id}-image-lead`, rels: ['primary'] });
    const asset = doc.assets[`kxyz-${live.story.id}-image-lead`];
    expect(asset).toMatchObject({ producer: CREDIT, altText: 'A ferry leaving the harbour', caption: 'The last ferry of the season.' });
    expect(asset.enclosures.map((e: Body) => e.rels)).toEqual([
      ['primary', 'image-enlargement'],
      ['image-wide'],
      ['image-standard'],
      ['image-square'],
    ]);
    for (const enclosure of asset.enclosures) await expectJpeg(enclosure.href, enclosure.width, enclosure.height);
    expect(asset.enclosures[3]).toMatchObject({ width: largest('square').width, height: largest('square').width });
  });

  it("podcast: the episode's itunes:image is the largest square JPEG (≥ 1400 px) and podcast:images lists every square, read by feedsmith", async () => {
    const body = await text(`/api/public/programs/${live.program.slug}/podcast.rss`);
    expect(XMLValidator.validate(body)).toBe(true);
    const raw = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(body);
    const item = [raw.rss.channel.item].flat().find((i: Body) => i.title === live.story.headline);
    const square = largest('square');
    expect(square.width).toBeGreaterThanOrEqual(1400);
    expect(item['itunes:image']['@href']).toBe(`${API}${square.url}`);
    await expectJpeg(item['itunes:image']['@href'], square.width, square.height);
    const srcset = item['podcast:images']['@srcset'] as string;
    expect(srcset.split(', ').map((entry) => entry.split(' ')[1])).toEqual(['320w', '640w', '1024w', '1600w']);
    const parsed = parseRssFeed(body) as Body;
    const episode = parsed.items.find((i: Body) => i.title === live.story.headline);
    expect(JSON.stringify(episode)).toContain(`${API}${square.url}`);
    // The channel's own artwork stays the program's.
    expect(raw.rss.channel['itunes:image']['@href']).not.toBe(`${API}${square.url}`);
  });

  it("never shows a draft or scheduled story's lead photo: no rendition key or media id of it in any public output", async () => {
    for (const path of outputs()) {
      const body = await text(path);
      for (const key of hidden.keys) expect({ path, leaked: body.includes(key) }).toEqual({ path, leaked: false });
      for (const id of hidden.ids) expect({ path, leaked: body.includes(id) }).toEqual({ path, leaked: false });
      expect(body).not.toContain('Secret Photographer');
    }
    // While the live story's photo is there (the check above would pass on outputs without images too).
    const liveKeys = keysOf(live.lead.renditions.items);
    for (const path of outputs().slice(0, 7)) {
      const body = await text(path);
      expect({ path, lead: liveKeys.some((key) => body.includes(key)) }).toEqual({ path, lead: true });
    }
  });
});
