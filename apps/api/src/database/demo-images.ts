import { richTextToPlain, renderRichText, type RichTextBlock, type RichTextDoc } from '@newsdesk/contracts';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import type { MediaStorage } from '../media/media-storage.js';
import { renditionPlan } from '../media/image-plan.js';
import { sanitizeRenderedBody } from '../stories/sanitize.js';
import { DemoRepository } from './demo.repository.js';

/**
 * Demo photos (issue 21), drawn in code: synthetic scenes (a gradient sky, shapes, film grain so
 * they compress like photographs) with a focal point on their subject, placed in two published
 * demo stories' bodies. Their renditions are made by the API's rendition sweep when it starts
 * (`npm start`), so the stories' `<picture>` URLs answer a few seconds after the first start.
 */
interface DemoScene {
  name: string;
  story: string;
  width: number;
  height: number;
  focal: { x: number; y: number };
  alt: string;
  credit: string;
  caption: string;
  svg: (w: number, h: number) => string;
}

export const DEMO_SCENES: DemoScene[] = [
  {
    name: 'demo-scene-kremlin-dusk.jpg',
    story: 'kremlin-pitches-joint-fight-against-isis-to-trump',
    width: 3000,
    height: 2000,
    focal: { x: 0.74, y: 0.42 },
    alt: 'Illustration: a domed tower silhouetted against an orange dusk sky, right of centre',
    credit: 'Newsdesk demo illustration',
    caption: 'Dusk over the Kremlin as the proposal was announced.',
    svg: (w, h) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
      <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1b2a4a"/><stop offset="0.6" stop-color="#e0783c"/><stop offset="1" stop-color="#f2c36b"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#sky)"/>
      <circle cx="${w * 0.2}" cy="${h * 0.25}" r="${h * 0.05}" fill="#fbe9b0" opacity="0.8"/>
      <rect x="0" y="${h * 0.78}" width="${w}" height="${h * 0.22}" fill="#20140f"/>
      <rect x="${w * 0.7}" y="${h * 0.45}" width="${w * 0.08}" height="${h * 0.35}" fill="#20140f"/>
      <ellipse cx="${w * 0.74}" cy="${h * 0.44}" rx="${w * 0.05}" ry="${h * 0.07}" fill="#20140f"/>
      <rect x="${w * 0.735}" y="${h * 0.3}" width="${w * 0.01}" height="${h * 0.08}" fill="#20140f"/>
    </svg>`,
  },
  {
    name: 'demo-scene-aleppo-street.jpg',
    story: 'aleppo-after-the-siege',
    width: 2400,
    height: 1800,
    focal: { x: 0.28, y: 0.6 },
    alt: 'Illustration: a lone figure walking past pale, damaged buildings on the left of a wide street',
    credit: 'Newsdesk demo illustration',
    caption: 'A street in eastern Aleppo, weeks after the siege ended.',
    svg: (w, h) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
      <defs><linearGradient id="haze" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#d8d2c4"/><stop offset="1" stop-color="#8b8172"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#haze)"/>
      <polygon points="0,${h * 0.2} ${w * 0.2},${h * 0.3} ${w * 0.2},${h} 0,${h}" fill="#b7ab95"/>
      <polygon points="${w},${h * 0.15} ${w * 0.75},${h * 0.32} ${w * 0.75},${h} ${w},${h}" fill="#a29580"/>
      <rect x="0" y="${h * 0.8}" width="${w}" height="${h * 0.2}" fill="#6d6457"/>
      <circle cx="${w * 0.28}" cy="${h * 0.5}" r="${h * 0.03}" fill="#2c2520"/>
      <rect x="${w * 0.265}" y="${h * 0.53}" width="${w * 0.03}" height="${h * 0.16}" rx="${w * 0.01}" fill="#2c2520"/>
    </svg>`,
  },
];

/** A scene as a JPEG: the drawing plus grain, as a camera would send it. */
export async function demoSceneJpeg(scene: Pick<DemoScene, 'width' | 'height' | 'svg'>): Promise<Buffer> {
  const { width, height } = scene;
  const grain = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 18 } },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(scene.svg(width, height)))
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** Loads the demo photos once (when none is there) into their stories' bodies and as their lead photos; returns whether it did. */
export async function loadDemoImages(db: DataSource, storage: MediaStorage): Promise<boolean> {
  const seed = new DemoRepository(db);
  if (await seed.demoImagesLoaded()) return false;
  const made: Array<{ scene: DemoScene; bytes: Buffer; sha256: string }> = [];
  for (const scene of DEMO_SCENES) {
    const bytes = await demoSceneJpeg(scene);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // Bytes first, outside the transaction: a media row never points at missing bytes.
    await storage.put(sha256, bytes, 'image/jpeg');
    made.push({ scene, bytes, sha256 });
  }
  await db.transaction(async (tx) => {
    for (const { scene, bytes, sha256 } of made) {
      const id = await seed.insertDemoImage(
        {
          sha256,
          byteSize: bytes.length,
          width: scene.width,
          height: scene.height,
          originalName: scene.name,
          alt: scene.alt,
          credit: scene.credit,
          caption: scene.caption,
          focalX: scene.focal.x,
          focalY: scene.focal.y,
        },
        tx,
      );
      const story = await seed.storyBody(scene.story, tx);
      if (!story) continue;
      const src = `/api/media/${id}`;
      const doc = story.body as RichTextDoc;
      const image: RichTextBlock = { type: 'image', attrs: { src, alt: scene.alt, credit: scene.credit, title: null } };
      const body: RichTextDoc = { type: 'doc', content: [...doc.content.slice(0, 1), image, ...doc.content.slice(1)] };
      // The same plan the API's sweep makes of this record (same bytes, size and focal point): the URLs in the body are the ones it renders.
      const plan = renditionPlan({
        sha256,
        width: scene.width,
        height: scene.height,
        focal_x: scene.focal.x,
        focal_y: scene.focal.y,
        crops: {},
      });
      const srcset = plan.delivery.srcset.original;
      const html = sanitizeRenderedBody(renderRichText(body, { images: new Map(srcset ? [[src, { srcset }]] : []) }));
      await seed.setDemoBody(story.id, JSON.stringify(body), html, richTextToPlain(body), tx);
      // The same photo leads the story (public JSON `image`, with its caption).
      await seed.setDemoLeadImage(story.id, id, tx);
    }
  });
  return true;
}
