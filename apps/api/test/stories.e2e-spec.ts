import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let editor: string;
let producer: string;
beforeAll(async () => {
  app = await startTestApp();
  editor = (await app.signIn(['editor'])).token;
  producer = (await app.signIn(['producer'])).token;
});
afterAll(async () => {
  await app?.close();
});

const unique = () => Math.random().toString(36).slice(2, 8);

async function createStory(fields: Record<string, unknown> = {}) {
  const response = await app.request('POST', '/api/stories', {
    token: editor,
    body: { headline: `Moscow briefing ${unique()}`, bylineIds: [app.bylineId], ...fields },
  });
  expect(response.status).toBe(201);
  return response.body;
}

describe('stories', () => {
  it('creates a draft with a slug derived from the headline and a sanitized body', async () => {
    const story = await createStory({
      headline: 'Kremlin Courts Washington',
      slug: undefined,
      bodyHtml: '<p onclick="x()">Hi<script>alert(1)</script></p>',
    });
    expect(story).toMatchObject({ status: 'draft', version: 1, bodyHtml: '<p>Hi</p>', publishedAt: null });
    expect(story.slug).toBe('kremlin-courts-washington');
    expect((await app.request('GET', `/api/stories/${story.id}`, { token: producer })).body.headline).toBe('Kremlin Courts Washington');
  });

  it('names each invalid field', async () => {
    const response = await app.request('POST', '/api/stories', { token: editor, body: { headline: '', slug: 'Not A Slug' } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['headline', 'slug']);
  });

  it('refuses a slug already in use, naming the field', async () => {
    const first = await createStory();
    const response = await app.request('POST', '/api/stories', { token: editor, body: { headline: 'Other', slug: first.slug } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('slug');
  });

  it('rejects a stale edit with 409 and the current version, keeping the newer text', async () => {
    const story = await createStory();
    const first = await app.request('PATCH', `/api/stories/${story.id}`, { token: editor, body: { version: 1, teaser: 'first edit' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await app.request('PATCH', `/api/stories/${story.id}`, { token: editor, body: { version: 1, teaser: 'stale edit' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await app.request('GET', `/api/stories/${story.id}`, { token: editor })).body.teaser).toBe('first edit');
  });

  it('answers 404 for a missing story and 400 for a malformed id', async () => {
    expect((await app.request('GET', '/api/stories/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d', { token: editor })).status).toBe(404);
    expect((await app.request('GET', '/api/stories/not-a-uuid', { token: editor })).status).toBe(400);
  });

  it('lets producers read but not write or publish', async () => {
    const story = await createStory();
    expect((await app.request('GET', '/api/stories', { token: producer })).status).toBe(200);
    expect((await app.request('POST', '/api/stories', { token: producer, body: { headline: 'x' } })).status).toBe(403);
    expect((await app.request('PATCH', `/api/stories/${story.id}`, { token: producer, body: { version: 1, headline: 'x' } })).status).toBe(
      403,
    );
    expect((await app.request('POST', `/api/stories/${story.id}/publish`, { token: producer, body: { version: 1 } })).status).toBe(403);
  });

  it('lists with filters and keyset pagination, without repeats', async () => {
    for (let i = 0; i < 5; i++) await createStory({ headline: `Paged ${i} ${unique()}` });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2&q=Paged${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.request('GET', `/api/stories${query}`, { token: editor });
      expect(page.status).toBe(200);
      for (const item of page.body.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(5);
    const drafts = await app.request('GET', '/api/stories?status=draft&limit=100', { token: editor });
    expect(drafts.body.items.every((item: { status: string }) => item.status === 'draft')).toBe(true);
  });

  it('deletes only with the current version', async () => {
    const story = await createStory();
    expect((await app.request('DELETE', `/api/stories/${story.id}?version=7`, { token: editor })).status).toBe(409);
    expect((await app.request('DELETE', `/api/stories/${story.id}?version=1`, { token: editor })).status).toBe(204);
    expect((await app.request('GET', `/api/stories/${story.id}`, { token: editor })).status).toBe(404);
  });
});

describe('publishing and the public API', () => {
  it('shows a story publicly only while it is published', async () => {
    const story = await createStory({ bodyHtml: '<p>Body <em>text</em></p>', teaser: 'Host intro' });
    expect((await app.request('GET', `/api/public/stories/${story.slug}`)).status).toBe(404);

    const published = await app.request('POST', `/api/stories/${story.id}/publish`, { token: editor, body: { version: 1 } });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', version: 2 });

    const open = await app.request('GET', `/api/public/stories/${story.slug}`);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({
      slug: story.slug,
      headline: story.headline,
      teaser: 'Host intro',
      bodyHtml: '<p>Body <em>text</em></p>',
      bylines: [{ name: 'Tess Reporter', slug: 'tess-reporter', title: 'Correspondent' }],
      transcript: { turns: [] },
    });
    expect(open.body).not.toHaveProperty('id');
    expect(open.body).not.toHaveProperty('status');
    expect(open.headers.get('etag')).toBeTruthy();
    expect(open.headers.get('cache-control')).toContain('public');
    const revalidated = await app.request('GET', `/api/public/stories/${story.slug}`, {
      headers: { 'if-none-match': open.headers.get('etag')! },
    });
    expect(revalidated.status).toBe(304);

    const list = await app.request('GET', '/api/public/stories?limit=100');
    expect(list.body.items.map((item: { slug: string }) => item.slug)).toContain(story.slug);

    const unpublished = await app.request('POST', `/api/stories/${story.id}/unpublish`, { token: editor, body: { version: 2 } });
    expect(unpublished.body.status).toBe('unpublished');
    expect((await app.request('GET', `/api/public/stories/${story.slug}`)).status).toBe(404);
    const after = await app.request('GET', '/api/public/stories?limit=100');
    expect(after.body.items.map((item: { slug: string }) => item.slug)).not.toContain(story.slug);
  });

  it('never lists drafts, and a scheduled story appears exactly when its time comes', async () => {
    const draft = await createStory();
    const scheduled = await createStory();
    const at = new Date(Date.now() + 5000).toISOString();
    const response = await app.request('POST', `/api/stories/${scheduled.id}/publish`, {
      token: editor,
      body: { version: 1, publishAt: at },
    });
    expect(response.body).toMatchObject({ status: 'scheduled', publishedAt: at });
    const before = (await app.request('GET', '/api/public/stories?limit=100')).body.items.map((item: { slug: string }) => item.slug);
    expect(before).not.toContain(draft.slug);
    expect(before).not.toContain(scheduled.slug);
    expect((await app.request('GET', `/api/public/stories/${scheduled.slug}`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(at) - Date.now()) + 50));
    expect((await app.request('GET', `/api/public/stories/${scheduled.slug}`)).status).toBe(200);
    expect((await app.request('GET', `/api/stories/${scheduled.id}`, { token: editor })).body.status).toBe('published');
  });

  it('pages the public list by cursor, newest first', async () => {
    for (let i = 0; i < 3; i++) {
      const story = await createStory();
      await app.request('POST', `/api/stories/${story.id}/publish`, {
        token: editor,
        body: { version: 1, publishAt: new Date(Date.now() - (i + 1) * 60_000).toISOString() },
      });
    }
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await app.request('GET', `/api/public/stories?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      all.push(...page.body.items.map((item: { publishedAt: string }) => item.publishedAt));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect([...all].sort().reverse()).toEqual(all);
    expect((await app.request('GET', '/api/public/stories?cursor=garbage')).status).toBe(400);
  });
});
