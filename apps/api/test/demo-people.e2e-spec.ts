import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PublicCorrespondentSchema } from '@newsdesk/contracts';
import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { loadDemoPeople } from '../src/database/demo-people.js';
import { createMediaStorage } from '../src/media/media-storage.js';
import { ImageRenditionsService } from '../src/media/image-renditions.service.js';
import { renditionsIdle, renditionsSettled } from './support/renditions.js';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-demo-media-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
});
afterAll(async () => {
  await renditionsIdle(app, 90_000);
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe('demo correspondents and people', () => {
  it('load once, with Lucian Kim published (photo with alt and credit) and bylined on the Moscow story', async () => {
    await loadDemoNewsroom(app.db);
    expect(await loadDemoPeople(app.db, createMediaStorage(app.config))).toBe(true);
    expect(await loadDemoPeople(app.db, createMediaStorage(app.config))).toBe(false);
    // A public photo needs its renditions (docs/images.md): the worker's sweep plans the seeded portraits; wait for Kim's.
    await app.nest.get(ImageRenditionsService).sweep();
    const [portrait]: Array<{ photo_id: string }> = await app.db.query(`SELECT photo_id FROM correspondents WHERE slug = 'lucian-kim'`);
    expect((await renditionsSettled(app, (await app.signIn(['editor'])).token, portrait!.photo_id)).renditions.state).toBe('ready');

    const response = await app.request('GET', '/api/public/correspondents/lucian-kim');
    expect(response.status).toBe(200);
    const kim = PublicCorrespondentSchema.parse(response.body);
    expect(kim).toMatchObject({ name: 'Lucian Kim', title: 'International Correspondent', bureau: 'Moscow', active: true });
    expect(kim.photo).toMatchObject({
      alt: expect.stringContaining('Lucian Kim'),
      credit: 'Newsdesk demo illustration',
      width: 240,
      height: 300,
    });
    expect(kim.stories.items.map((story) => story.slug)).toContain('kremlin-pitches-joint-fight-against-isis-to-trump');
    const image = await fetch(`${app.url}${kim.photo!.url}`);
    expect(image.headers.get('content-type')).toBe('image/png');

    const list = (await app.request('GET', '/api/public/correspondents')).body.items.map((item: { slug: string }) => item.slug);
    expect(list).toEqual(expect.arrayContaining(['lucian-kim', 'amina-yusuf', 'tomas-herrera']));
    expect(list).not.toContain('mara-lindqvist');

    const editor = (await app.signIn(['editor'])).token;
    const lavrov = (await app.request('GET', '/api/people?q=sergei', { token: editor })).body.items[0];
    expect(lavrov).toMatchObject({ displayName: 'Sergey Lavrov', affiliation: 'Russian Foreign Minister', aliases: ['Sergei Lavrov'] });
    const putin = (await app.request('GET', '/api/people?q=putin', { token: editor })).body.items[0];
    expect(putin).toMatchObject({ labelTitle: 'PRESIDENT', affiliation: 'Russia' });

    // The open web of the demo (what `npm start` shows, docs/open-web.md): its stories and profiles in the sitemaps, JSON-LD on both.
    const api = app.config.PUBLIC_API_URL;
    const index = await fetch(`${app.url}/sitemap.xml`).then((answer) => answer.text());
    expect(index).toContain(`<loc>${api}/sitemaps/stories.xml</loc>`);
    const stories = await fetch(`${app.url}/sitemaps/stories.xml`).then((answer) => answer.text());
    expect(stories).toContain(`<loc>${api}/api/public/stories/kremlin-pitches-joint-fight-against-isis-to-trump</loc>`);
    const people = await fetch(`${app.url}/sitemaps/correspondents.xml`).then((answer) => answer.text());
    expect(people).toContain(`<loc>${api}/api/public/correspondents/lucian-kim</loc>`);
    expect(people).not.toContain('mara-lindqvist');
    expect(response.body.jsonLd).toMatchObject({
      '@type': 'Person',
      name: 'Lucian Kim',
      sameAs: ['https://newsdesk.example/correspondents/lucian-kim'],
    });
    const story = (await app.request('GET', '/api/public/stories/kremlin-pitches-joint-fight-against-isis-to-trump')).body;
    expect(story.jsonLd.author).toContainEqual(
      expect.objectContaining({ '@type': 'Person', name: 'Lucian Kim', url: `${api}/api/public/correspondents/lucian-kim` }),
    );
  });
});
