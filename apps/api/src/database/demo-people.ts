import { defined } from '@newsdesk/contracts';
import { createHash } from 'node:crypto';
import { DemoRepository } from './demo.repository.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { MediaStorage } from '../media/media-storage.js';
import { encodePng } from '../media/png.js';
import { freePersonSlug, insertPerson } from '../people/people.rows.js';
import { splitName } from '@newsdesk/contracts';

/**
 * The demo newsroom's people: correspondents (one published with a photo, a draft, a departed
 * one) and the newsmakers of the Moscow story. Facts (names, titles, places) follow the seed
 * story; the bios are written for the demo. Loaded once, when the registry is empty.
 */

interface DemoCorrespondent {
  name: string;
  slug: string;
  title: string;
  bureau: string;
  bio: string;
  beats: string[];
  email: string;
  active: boolean;
  published: boolean;
  photo?: { alt: string; credit: string; palette: Palette };
  socialLinks?: Array<{ label: string; url: string }>;
  bylines?: string[];
}

const CORRESPONDENTS: DemoCorrespondent[] = [
  {
    name: 'Lucian Kim',
    slug: 'lucian-kim',
    title: 'International Correspondent',
    bureau: 'Moscow',
    bio:
      '<p>Lucian Kim covers Russia and its neighbours for the newsroom from the <strong>Moscow bureau</strong>: the Kremlin, its diplomacy in the Middle East, and how ordinary Russians live with the politics of the day.</p>' +
      '<p>He files for the newscasts and the morning and evening programs, and reads and interviews in Russian and German.</p>',
    beats: ['Russia', 'Kremlin', 'Syria', 'Former Soviet Union'],
    email: 'lucian.kim@newsdesk.local',
    active: true,
    published: true,
    photo: { alt: 'Illustrated portrait of Lucian Kim against a blue background', credit: 'Newsdesk demo illustration', palette: 'blue' },
    socialLinks: [{ label: 'Website', url: 'https://newsdesk.example/correspondents/lucian-kim' }],
    bylines: ['kremlin-pitches-joint-fight-against-isis-to-trump', 'lavrov-leaves-door-open-to-washington', 'aleppo-after-the-siege'],
  },
  {
    name: 'Amina Yusuf',
    slug: 'amina-yusuf',
    title: 'East Africa Correspondent',
    bureau: 'Nairobi',
    bio: "<p>Amina Yusuf reports on East Africa from Nairobi, with a focus on climate, drought and the region's fast-growing cities.</p>",
    beats: ['East Africa', 'Climate'],
    email: 'amina.yusuf@newsdesk.local',
    active: true,
    published: true,
    photo: {
      alt: 'Illustrated portrait of Amina Yusuf against a green background',
      credit: 'Newsdesk demo illustration',
      palette: 'green',
    },
  },
  {
    name: 'Mara Lindqvist',
    slug: 'mara-lindqvist',
    title: 'Europe Correspondent',
    bureau: 'Berlin',
    bio: '<p>Draft: Mara joins the Berlin bureau next month.</p>',
    beats: ['Germany', 'European Union'],
    email: 'mara.lindqvist@newsdesk.local',
    active: true,
    published: false,
  },
  {
    name: 'Tomás Herrera',
    slug: 'tomas-herrera',
    title: 'Former Mexico City Correspondent',
    bureau: 'Mexico City',
    bio: '<p>Tomás Herrera reported from Mexico City and Central America. He has since left the newsroom; his stories remain in the archive.</p>',
    beats: ['Mexico', 'Migration'],
    email: 'tomas.herrera@newsdesk.local',
    active: false,
    published: true,
  },
];

/** Newsmakers: the speakers of the Moscow story, and a host (HOST is a transcript role, not a title). */
const PEOPLE = [
  { displayName: 'Donald Trump', labelTitle: 'PRESIDENT', affiliation: 'President of the United States', aliases: ['Donald J. Trump'] },
  { displayName: 'Vladimir Putin', labelTitle: 'PRESIDENT', affiliation: 'Russia', aliases: ['Vladimir Vladimirovich Putin'] },
  { displayName: 'Sergey Lavrov', labelTitle: null, affiliation: 'Russian Foreign Minister', aliases: ['Sergei Lavrov'] },
  { displayName: 'Bashar al-Assad', labelTitle: 'PRESIDENT', affiliation: 'President of Syria', aliases: ['Bashar Assad'] },
  { displayName: 'Steve Inskeep', labelTitle: null, affiliation: 'Host, Morning Edition', aliases: [] },
];

/** Loads the demo people once (when the registry is empty); returns whether it did. */
export async function loadDemoPeople(db: DataSource, storage: MediaStorage): Promise<boolean> {
  const seed = new DemoRepository(db);
  if (await seed.personExists('lucian-kim')) return false;
  const photos = new Map<Palette, Buffer>();
  for (const c of CORRESPONDENTS) if (c.photo) photos.set(c.photo.palette, demoPortrait(c.photo.palette));
  // Bytes first, outside the transaction: a media row never points at missing bytes.
  for (const bytes of photos.values()) await storage.put(sha256(bytes), bytes, 'image/png');
  await db.transaction(async (tx) => {
    for (const person of PEOPLE) {
      await insertPerson(tx, { ...person, ...splitName(person.displayName), slug: await freePersonSlug(tx, person.displayName) }, null);
    }
    for (const c of CORRESPONDENTS)
      await insertCorrespondent(seed, tx, c, c.photo ? defined(photos.get(c.photo.palette), 'demo photo') : null);
  });
  return true;
}

async function insertCorrespondent(seed: DemoRepository, tx: EntityManager, c: DemoCorrespondent, photo: Buffer | null): Promise<void> {
  const person = await insertPerson(
    tx,
    {
      displayName: c.name,
      ...splitName(c.name),
      slug: await freePersonSlug(tx, c.name),
      labelTitle: null,
      affiliation: c.title,
      aliases: [],
    },
    null,
  );
  let photoId: string | null = null;
  if (photo && c.photo) {
    photoId = await seed.insertPortrait(
      {
        sha256: sha256(photo),
        byteSize: photo.length,
        width: PORTRAIT.width,
        height: PORTRAIT.height,
        originalName: `${c.slug}.png`,
        alt: c.photo.alt,
        credit: c.photo.credit,
      },
      tx,
    );
  }
  const correspondentId = await seed.insertCorrespondent(
    {
      personId: person.id,
      slug: c.slug,
      title: c.title,
      bureau: c.bureau,
      bioHtml: c.bio,
      photoId,
      beats: c.beats,
      email: c.email,
      socialLinks: JSON.stringify(c.socialLinks ?? []),
      active: c.active,
      status: c.published ? 'published' : 'draft',
      publishedAt: c.published ? '2017-01-01T09:00:00Z' : null,
    },
    tx,
  );
  for (const [position, slug] of (c.bylines ?? []).entries()) await seed.addByline(slug, correspondentId, position, tx);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Palette = 'blue' | 'green';
const PORTRAIT = { width: 240, height: 300 };
const PALETTES: Record<Palette, { top: number[]; bottom: number[]; figure: number[] }> = {
  blue: { top: [96, 140, 196], bottom: [36, 64, 112], figure: [228, 232, 240] },
  green: { top: [112, 176, 136], bottom: [40, 92, 72], figure: [236, 240, 232] },
};

/** A generated portrait placeholder: a soft silhouette (head and shoulders) on a gradient. */
export function demoPortrait(palette: Palette): Buffer {
  const { top, bottom, figure } = PALETTES[palette];
  const { width, height } = PORTRAIT;
  return encodePng(width, height, (x, y) => {
    const t = y / (height - 1);
    const background = top.map((c, i) => Math.round(c + ((bottom[i] ?? c) - c) * t));
    const head = Math.hypot((x - width / 2) / 52, (y - 118) / 62);
    const shoulders = Math.hypot((x - width / 2) / 104, (y - 300) / 96);
    const inside = Math.min(head, shoulders);
    const alpha = Math.max(0, Math.min(1, (1 - inside) * 40));
    return background.map((c, i) => Math.round(c + ((figure[i] ?? c) - c) * alpha * 0.92)) as [number, number, number];
  });
}
