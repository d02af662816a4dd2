import { startTestApp, type TestApp } from './support/app.js';
import { Desk, word } from './support/desk.js';

/**
 * Issue #13, item 6: every public old-slug redirect (stories, transcripts, tags, correspondents,
 * people) answers the same way, through one helper (sendRedirect in src/public/http-cache.ts): a
 * 301 to the current slug with the request's validated query string kept, and nothing else added.
 */

let app: TestApp;
let desk: Desk;
beforeAll(async () => {
  app = await startTestApp();
  desk = new Desk(app, (await app.signIn(['admin'])).token);
});
afterAll(async () => {
  await app?.close();
});

/** GET without following redirects. */
async function get(path: string): Promise<{ status: number; location: string | null; cacheControl: string | null }> {
  const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location'), cacheControl: response.headers.get('cache-control') };
}

const moved = (location: string) => ({ status: 301, location, cacheControl: 'public, max-age=300' });

describe('public old-slug redirects', () => {
  it('keeps the validated query string of a tag redirect (limit and cursor) and adds no default', async () => {
    const tag = await desk.tag(`Redirected ${word()}`);
    for (const headline of [`First ${word()}`, `Second ${word()}`]) await desk.publish(await desk.story({ headline, tagIds: [tag.id] }));
    const renamed = await desk.call('PATCH', `/api/tags/${tag.id}`, { version: tag.version, slug: `${tag.slug}-new` });
    const page = await app.request('GET', `/api/public/tags/${renamed.slug}?limit=1`);
    const cursor: string = page.body.stories?.nextCursor ?? page.body.nextCursor;
    expect(typeof cursor).toBe('string');

    expect(await get(`/api/public/tags/${tag.slug}?limit=5`)).toEqual(moved(`/api/public/tags/${renamed.slug}?limit=5`));
    expect(await get(`/api/public/tags/${tag.slug}`)).toEqual(moved(`/api/public/tags/${renamed.slug}`));
    expect(await get(`/api/public/tags/${tag.slug}?limit=1&cursor=${cursor}`)).toEqual(
      moved(`/api/public/tags/${renamed.slug}?${new URLSearchParams({ limit: '1', cursor })}`),
    );
    // What the validator refuses is never carried along: 400, not a redirect.
    expect((await get(`/api/public/tags/${tag.slug}?limit=5&evil=%0d%0aSet-Cookie:x`)).status).toBe(400);
    expect((await get(`/api/public/tags/${tag.slug}?limit=abc`)).status).toBe(400);
  });

  it('keeps the validated query string of a correspondent redirect', async () => {
    const created = await desk.call('POST', '/api/correspondents', {
      name: `Redirected Reporter ${word()}`,
      title: 'Reporter',
      bio: '<p>x</p>',
    });
    const published = await desk.call('POST', `/api/correspondents/${created.id}/publish`, { version: created.version });
    const renamed = await desk.call('PATCH', `/api/correspondents/${created.id}`, {
      version: published.version,
      slug: `${created.slug}-new`,
    });
    expect(await get(`/api/public/correspondents/${created.slug}?limit=5`)).toEqual(
      moved(`/api/public/correspondents/${renamed.slug}?limit=5`),
    );
    expect(await get(`/api/public/correspondents/${created.slug}`)).toEqual(moved(`/api/public/correspondents/${renamed.slug}`));
    expect((await get(`/api/public/correspondents/${created.slug}?limit=5&evil=1`)).status).toBe(400);
  });

  it('redirects a story and its transcript the same way (their routes take no query: none is added, a stray one is a 400)', async () => {
    const story = await desk.publish(await desk.story({ headline: `Moved story ${word()}` }));
    const renamed = await desk.edit(story, { slug: `${story.slug}-new` });
    expect(await get(`/api/public/stories/${story.slug}`)).toEqual(moved(`/api/public/stories/${renamed.slug}`));
    expect(await get(`/api/public/stories/${story.slug}/transcript.txt`)).toEqual(
      moved(`/api/public/stories/${renamed.slug}/transcript.txt`),
    );
    expect((await get(`/api/public/stories/${story.slug}?limit=5`)).status).toBe(400);
  });

  it('redirects a renamed person the same way', async () => {
    const profile = await desk.call('POST', '/api/correspondents', { name: `Public Person ${word()}`, title: 'Reporter', bio: '<p>x</p>' });
    await desk.call('POST', `/api/correspondents/${profile.id}/publish`, { version: profile.version });
    const person = await desk.call('GET', `/api/people/${profile.personId}`);
    const renamed = await desk.call('PATCH', `/api/people/${person.id}`, { version: person.version, slug: `${person.slug}-new` });
    expect(await get(`/api/public/people/${person.slug}`)).toEqual(moved(`/api/public/people/${renamed.slug}`));
    expect((await get(`/api/public/people/${person.slug}?limit=5`)).status).toBe(400);
  });
});
