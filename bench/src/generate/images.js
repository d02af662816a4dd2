// Images: a small library of photos (media rows) whose renditions are "ready", for stories' lead
// photos and correspondents' portraits. No pixels are made: the public JSON shows what the database
// says (the media row and its ready rendition job's delivery), so the rows are enough for the
// public read path. Each plan is the API's own (renditionPlan from apps/api/dist), so the delivery
// (renditions and srcsets) has the shape and the URLs the images feature would store.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyRows } from './copy.js';

const SUBJECTS = ['Harbour at dawn', 'Council chamber', 'Flooded road', 'Market stalls', 'Wind farm', 'Courthouse steps', 'School yard'];
const CREDITS = ['Newsdesk/Staff', 'Agency Photo', 'Courtesy of the council', 'Reader photo'];
const SIZES = [
  [4000, 2667],
  [3000, 2000],
  [2048, 1365],
  [1600, 1200],
  [1200, 1600],
];

/**
 * `count` images, publishable (alt text and credit set, one plan ready) but for every tenth, which
 * has no alt text: the public JSON must show it as null (docs/images.md), on both sides.
 * @param {string} root the repository (for apps/api/dist)
 * @param {import('pg').ClientBase} client
 * @param {import('./random.js').Random} random
 * @param {number} count
 * @returns {Promise<string[]>} the media ids
 */
export async function copyImages(root, client, random, count) {
  if (!count) return [];
  const { renditionPlan } = await import(pathToFileURL(path.join(root, 'apps/api/dist/media/image-plan.js')).href);
  const now = new Date();
  const images = Array.from({ length: count }, (_, i) => {
    const [width, height] = SIZES[i % SIZES.length];
    const image = {
      id: randomUUID(),
      sha256: createHash('sha256').update(`bench-image-${i}`).digest('hex'),
      width,
      height,
      focal_x: random.int(1000) / 1000,
      focal_y: random.int(1000) / 1000,
      crops: {},
      alt: i % 10 === 9 ? '' : `${random.pick(SUBJECTS)}, photographed for the story`,
      credit: random.pick(CREDITS),
      caption: random.chance(0.5) ? `${random.pick(SUBJECTS)}.` : '',
    };
    return { ...image, plan: renditionPlan(image) };
  });
  await copyRows(
    client,
    'media',
    [
      'id',
      'sha256',
      'content_type',
      'byte_size',
      'width',
      'height',
      'original_name',
      'alt',
      'credit',
      'caption',
      'focal_x',
      'focal_y',
      'plan_key',
    ],
    images.map((m, i) => [
      m.id,
      m.sha256,
      'image/jpeg',
      m.width * m.height,
      m.width,
      m.height,
      `photo-${i}.jpg`,
      m.alt,
      m.credit,
      m.caption,
      m.focal_x,
      m.focal_y,
      m.plan.planKey,
    ]),
  );
  await copyRows(
    client,
    'image_rendition_jobs',
    ['media_id', 'plan_key', 'plan', 'delivery', 'state', 'done', 'total', 'finished_at'],
    images.map((m) => [
      m.id,
      m.plan.planKey,
      JSON.stringify(m.plan.renditions),
      JSON.stringify(m.plan.delivery),
      'ready',
      m.plan.renditions.length,
      m.plan.renditions.length,
      now,
    ]),
  );
  return images.map((m) => m.id);
}
