import { XMLValidator } from 'fast-xml-parser';
import { startTestApp, type TestApp } from './support/app.js';
import { RANKED_MATCHES } from '../src/stories/story-search.js';

let app: TestApp;
let editor: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  editor = await app.signIn(['editor']);
});
afterAll(async () => {
  await app?.close();
});

const unique = () => Math.random().toString(36).slice(2, 8);
const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

async function createStory(fields: Record<string, unknown> = {}) {
  const response = await app.request('POST', '/api/stories', {
    token: editor.token,
    body: { headline: `Desk ${unique()}`, bylineIds: [app.bylineId], ...fields },
  });
  expect(response.status).toBe(201);
  return response.body;
}
async function tag(name: string, type = 'topic', aliases: string[] = []) {
  const response = await app.request('POST', '/api/tags', { token: editor.token, body: { name, type, aliases } });
  expect(response.status).toBe(201);
  return response.body;
}
const publish = (story: { id: string; version: number }, publishAt?: string) =>
  app.request('POST', `/api/stories/${story.id}/publish`, {
    token: editor.token,
    body: { version: story.version, ...(publishAt ? { publishAt } : {}) },
  });

describe('bodies', () => {
  it('stores the document and serves sanitized HTML; HTML input is converted to a document', async () => {
    const story = await createStory({
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
              { type: 'text', text: ' <b>not html</b>' },
            ],
          },
        ],
      },
    });
    expect(story.bodyHtml).toBe('<p><strong>Bold</strong> &lt;b&gt;not html&lt;/b&gt;</p>');
    const fromHtml = await createStory({
      bodyHtml: '<h2>Astana</h2><p>Talks <em>open</em><script>x()</script></p><ul><li>one</li></ul><img src="https://e.org/a.jpg" alt="A">',
    });
    expect(fromHtml.body.content.map((node: { type: string }) => node.type)).toEqual(['heading', 'paragraph', 'bulletList', 'image']);
    expect(fromHtml.bodyHtml).toBe(
      '<h2>Astana</h2><p>Talks <em>open</em></p><ul><li><p>one</p></li></ul><figure><img src="https://e.org/a.jpg" alt="A" /></figure>',
    );
  });

  it('refuses to publish an image without alt text or credit, naming what is missing', async () => {
    const story = await createStory({
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://e.org/k.jpg', alt: '' } }] },
    });
    const response = await publish(story);
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'body' });
    expect(response.body.errors[0].message).toMatch(/alt text and a credit/);
  });

  it('neutralises XSS in headline and body on every public output', async () => {
    const story = await createStory({
      headline: `<img src=x onerror=alert(1)> ${unique()}`,
      bodyHtml: '<p><a href="javascript:alert(1)">x</a><img src=x onerror=alert(2)></p>',
    });
    await publish(story);
    const open = await app.request('GET', `/api/public/stories/${story.slug}`);
    expect(open.body.bodyHtml).not.toMatch(/javascript:|onerror/);
    const rss = await app.request('GET', '/api/public/feeds/latest.rss');
    expect(rss.text).not.toContain('<img src=x');
    expect(rss.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('tags', () => {
  it('tags stories in order, suggests tags found in the text, and shows a public tag page', async () => {
    const russia = await tag(`Russia${unique()}`, 'place');
    const kremlin = await tag(`Kremlin${unique()}`, 'organization', ['Moscow Leadership']);
    const story = await createStory({
      headline: `${russia.name} courts the West`,
      teaser: `The ${kremlin.name} is waiting`,
      body: doc('The Moscow leadership hopes.', `${russia.name} and ${russia.name} again.`),
    });
    const suggestions = await app.request('POST', `/api/stories/${story.id}/tag-suggestions`, { token: editor.token });
    expect(suggestions.body.items.map((s: { tag: { id: string } }) => s.tag.id).slice(0, 2)).toEqual([russia.id, kremlin.id]);
    expect(suggestions.body.items[0].matches).toEqual(
      expect.arrayContaining([
        { source: 'headline', term: russia.name, count: 1 },
        { source: 'body', term: russia.name, count: 2 },
      ]),
    );

    const tagged = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor.token,
      body: { version: 1, tagIds: [kremlin.id, russia.id] },
    });
    expect(tagged.body.tags.map((t: { id: string }) => t.id)).toEqual([kremlin.id, russia.id]);
    const again = await app.request('POST', `/api/stories/${story.id}/tag-suggestions`, { token: editor.token });
    expect(again.body.items).toHaveLength(0);

    // A tag no live story carries is not public yet (issue #12, finding 10).
    expect((await app.request('GET', `/api/public/tags/${russia.slug}`)).status).toBe(404);
    await publish(tagged.body);
    const page = await app.request('GET', `/api/public/tags/${russia.slug}`);
    expect(page.body.tag).toEqual({ name: russia.name, slug: russia.slug, type: 'place' });
    expect(page.body.stories.items.map((s: { slug: string }) => s.slug)).toEqual([story.slug]);
    expect((await app.request('GET', `/api/public/stories?tag=${russia.slug}`)).body.items).toHaveLength(1);
  });

  it('merges a tag: stories move in one go, names become aliases, the old slug redirects', async () => {
    const survivor = await tag(`Syria${unique()}`, 'place');
    const duplicate = await tag(`Syrian Arab Republic${unique()}`, 'place');
    const story = await createStory({ tagIds: [duplicate.id] });
    await publish(story);
    const merged = await app.request('POST', `/api/tags/${duplicate.id}/merge`, {
      token: editor.token,
      body: { intoId: survivor.id, version: 1 },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.aliases).toContain(duplicate.name);
    expect(merged.body.storyCount).toBe(1);
    expect(
      (await app.request('GET', `/api/stories/${story.id}`, { token: editor.token })).body.tags.map((t: { id: string }) => t.id),
    ).toEqual([survivor.id]);
    const old = await fetch(`${app.url}/api/public/tags/${duplicate.slug}`, { redirect: 'manual' });
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(`/api/public/tags/${survivor.slug}`);
    expect((await app.request('GET', `/api/tags/${duplicate.id}`, { token: editor.token })).status).toBe(404);
  });

  it('refuses unknown tag ids and a stale tag edit', async () => {
    const story = await createStory();
    const bad = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor.token,
      body: { version: 1, tagIds: ['8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('tagIds');
    const t = await tag(`Topic${unique()}`);
    await app.request('PATCH', `/api/tags/${t.id}`, { token: editor.token, body: { version: 1, name: 'Renamed' } });
    expect((await app.request('PATCH', `/api/tags/${t.id}`, { token: editor.token, body: { version: 1, name: 'Stale' } })).status).toBe(
      409,
    );
  });
});

describe('workflow', () => {
  it('moves draft -> in review -> draft -> published -> unpublished, and refuses impossible transitions', async () => {
    let story = await createStory();
    const post = (action: string, version: number) =>
      app.request('POST', `/api/stories/${story.id}/${action}`, { token: editor.token, body: { version } });
    story = (await post('submit', story.version)).body;
    expect(story.status).toBe('in_review');
    const dashboard = await app.request('GET', '/api/stories/dashboard', { token: editor.token });
    expect(dashboard.body.inReview.map((s: { id: string }) => s.id)).toContain(story.id);
    expect((await post('submit', story.version)).status).toBe(409);
    story = (await post('return-to-draft', story.version)).body;
    expect(story.status).toBe('draft');
    expect((await post('unpublish', story.version)).status).toBe(409);
    story = (await publish(story)).body;
    expect(story.status).toBe('published');
    story = (await post('unpublish', story.version)).body;
    expect(story.status).toBe('unpublished');
    const audit = await app.request('GET', `/api/audit?entity=story&entityId=${story.id}`, { token: (await app.signIn(['admin'])).token });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'unpublish',
      'publish',
      'return_to_draft',
      'submit',
      'create',
    ]);
  });

  it('every write path refuses a stale version with the current version and what changed', async () => {
    const story = await createStory({ teaser: 'first' });
    await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor.token,
      body: { version: 1, teaser: 'second', headline: 'Changed headline' },
    });
    const attempts = [
      app.request('PATCH', `/api/stories/${story.id}`, { token: editor.token, body: { version: 1, teaser: 'lost' } }),
      app.request('POST', `/api/stories/${story.id}/submit`, { token: editor.token, body: { version: 1 } }),
      app.request('POST', `/api/stories/${story.id}/publish`, { token: editor.token, body: { version: 1 } }),
      app.request('POST', `/api/stories/${story.id}/revisions/1/restore`, { token: editor.token, body: { version: 1 } }),
      app.request('DELETE', `/api/stories/${story.id}?version=1`, { token: editor.token }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(409);
      expect(response.body.currentVersion).toBe(2);
      expect(response.body.changedFields).toEqual(['headline', 'teaser']);
    }
  });
});

describe('revisions and corrections', () => {
  it('keeps a revision per save, diffs any two word by word, and restores as a new revision', async () => {
    const story = await createStory({ headline: 'Kremlin waits', teaser: 'Moscow is patient' });
    await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor.token,
      body: { version: 1, teaser: 'Moscow is impatient now' },
    });
    await app.request('PATCH', `/api/stories/${story.id}`, { token: editor.token, body: { version: 2, headline: 'Kremlin acts' } });
    const list = await app.request('GET', `/api/stories/${story.id}/revisions`, { token: editor.token });
    expect(list.body.items.map((r: { n: number; changedFields: string[] }) => [r.n, r.changedFields])).toEqual([
      [3, ['headline']],
      [2, ['teaser']],
      [1, expect.arrayContaining(['headline', 'teaser'])],
    ]);
    const diff = await app.request('GET', `/api/stories/${story.id}/revisions/diff?from=1&to=3`, { token: editor.token });
    expect(diff.body.fields.map((f: { field: string }) => f.field)).toEqual(['headline', 'teaser']);
    expect(diff.body.fields[1].words).toEqual([
      [0, 'Moscow is '],
      [-1, 'patient'],
      [1, 'impatient now'],
    ]);
    const restored = await app.request('POST', `/api/stories/${story.id}/revisions/1/restore`, {
      token: editor.token,
      body: { version: 3 },
    });
    expect(restored.body).toMatchObject({ headline: 'Kremlin waits', teaser: 'Moscow is patient', version: 4 });
    const after = await app.request('GET', `/api/stories/${story.id}/revisions/4`, { token: editor.token });
    expect(after.body).toMatchObject({ reason: 'restore of revision 1', snapshot: { headline: 'Kremlin waits' } });
  });

  it('appends corrections to a published story: updatedAt moves, publishedAt does not', async () => {
    const story = await createStory();
    expect(
      (await app.request('POST', `/api/stories/${story.id}/corrections`, { token: editor.token, body: { version: 1, text: 'x' } })).status,
    ).toBe(409);
    const live = (await publish(story)).body;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const corrected = await app.request('POST', `/api/stories/${story.id}/corrections`, {
      token: editor.token,
      body: { version: live.version, text: 'An earlier version misspelled Lavrov.' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.publishedAt).toBe(live.publishedAt);
    expect(Date.parse(corrected.body.updatedAt)).toBeGreaterThan(Date.parse(live.updatedAt));
    const open = await app.request('GET', `/api/public/stories/${story.slug}`);
    expect(open.body.corrections).toEqual([{ text: 'An earlier version misspelled Lavrov.', correctedAt: expect.any(String) }]);
  });
});

describe('slugs', () => {
  it('keeps the old slug of a published story as a 301 on the public API', async () => {
    const story = await createStory();
    const live = (await publish(story)).body;
    const renamed = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor.token,
      body: { version: live.version, slug: `${story.slug}-new` },
    });
    expect(renamed.status).toBe(200);
    const old = await fetch(`${app.url}/api/public/stories/${story.slug}`, { redirect: 'manual' });
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(`/api/public/stories/${story.slug}-new`);
    const other = await app.request('POST', '/api/stories', {
      token: editor.token,
      body: { headline: 'Takes the old slug', slug: story.slug },
    });
    expect(other.status).toBe(400);
  });
});

describe('search', () => {
  it('ranks headline matches first, finds transcript text, highlights, and never returns drafts publicly', async () => {
    const word = `zebulon${unique()}`;
    const inHeadline = await createStory({ headline: `${word} in the headline` });
    const inBody = await createStory({ body: doc(`Only the body says ${word}.`) });
    const inTranscript = await createStory();
    await app.db.query(`UPDATE stories SET transcript_text = $2 WHERE id = $1`, [inTranscript.id, `KIM: The ${word} was spoken on air.`]);
    const draft = await createStory({ headline: `${word} draft` });
    for (const story of [inHeadline, inBody, inTranscript]) await publish(story);

    const staff = await app.request('GET', `/api/stories?q=${word}`, { token: editor.token });
    expect(staff.body.items.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([inHeadline.id, inBody.id, inTranscript.id, draft.id]),
    );
    const open = await app.request('GET', `/api/public/search?q=${word}`);
    const slugs = open.body.items.map((s: { slug: string }) => s.slug);
    expect(slugs[0]).toBe(inHeadline.slug);
    expect(slugs).toEqual(expect.arrayContaining([inBody.slug, inTranscript.slug]));
    expect(slugs).not.toContain(draft.slug);
    expect(open.body.items.find((s: { slug: string }) => s.slug === inBody.slug).snippet).toContain(`<mark>${word}</mark>`);
    const paged = await app.request('GET', `/api/public/search?q=${word}&limit=1`);
    const second = await app.request('GET', `/api/public/search?q=${word}&limit=1&cursor=${paged.body.nextCursor}`);
    expect(second.body.items[0].slug).not.toBe(paged.body.items[0].slug);
    expect((await app.request('GET', '/api/public/search?q=')).status).toBe(400);
  });

  it(`ranks a common word's best ${RANKED_MATCHES} matches: headline matches first, then the newest`, async () => {
    const word = `okapi${unique()}`;
    // More body-only matches than are ranked (inserted directly: the API would take a minute).
    await app.db.query(
      `INSERT INTO stories (slug, headline, body_text, status, published_at)
       SELECT 'okapi-' || $2 || '-' || n, 'Archive ' || n, 'The body mentions ' || $1 || ' once.', 'published', now() - n * interval '1 hour'
         FROM generate_series(1, $3::int) n`,
      [word, unique(), RANKED_MATCHES + 40],
    );
    const oldHeadline = await createStory({ headline: `${word} leads this old story` });
    await publish(oldHeadline);
    await app.db.query(`UPDATE stories SET published_at = now() - interval '10 years' WHERE id = $1`, [oldHeadline.id]);
    const draft = await createStory({ headline: `${word} draft` });

    const pages: Array<{ slug: string; rank: number }> = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ slug: string; rank: number }>; nextCursor: string | null } } = await app.request(
        'GET',
        `/api/public/search?q=${word}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      pages.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages[0]!.slug).toBe(oldHeadline.slug);
    expect(pages).toHaveLength(RANKED_MATCHES);
    expect(new Set(pages.map((item) => item.slug)).size).toBe(RANKED_MATCHES);
    // The body-only matches ranked are the newest ones (hours 1..199), in rank order.
    const hours = pages.slice(1).map((item) => Number(item.slug.split('-').at(-1)));
    expect(Math.max(...hours)).toBe(RANKED_MATCHES - 1);
    for (let i = 1; i < pages.length; i++) expect(pages[i]!.rank).toBeLessThanOrEqual(pages[i - 1]!.rank);

    const staff = await app.request('GET', `/api/stories?q=${word}&limit=5`, { token: editor.token });
    expect(staff.body.items.map((s: { id: string }) => s.id).slice(0, 2)).toEqual(expect.arrayContaining([oldHeadline.id, draft.id]));
  });

  it('never shows a scheduled story before its time in lists, feeds, tag pages or search', async () => {
    const word = `quagga${unique()}`;
    const t = await tag(`Sched${unique()}`);
    const story = await createStory({ headline: `${word} scheduled`, tagIds: [t.id] });
    await publish(story, new Date(Date.now() + 3_600_000).toISOString());
    const outputs = await Promise.all([
      app.request('GET', '/api/public/stories?limit=100'),
      app.request('GET', `/api/public/search?q=${word}`),
      app.request('GET', `/api/public/tags/${t.slug}`),
      app.request('GET', '/api/public/feeds/latest.rss'),
      app.request('GET', '/api/public/feeds/latest.json'),
      app.request('GET', `/api/public/feeds/tags/${t.slug}.json`),
    ]);
    // The tag only this embargoed story carries is not public either (its page and feed: 404).
    expect(outputs.map((output) => output.status)).toEqual([200, 200, 404, 200, 200, 404]);
    for (const output of outputs) {
      expect(output.text).not.toContain(story.slug);
      expect(output.text).not.toContain(t.name);
    }
    const dashboard = await app.request('GET', '/api/stories/dashboard', { token: editor.token });
    expect(dashboard.body.scheduled.map((s: { id: string }) => s.id)).toContain(story.id);
  });
});

describe('feeds', () => {
  it('serves well-formed RSS 2.0 and a JSON Feed 1.1, with ETags', async () => {
    const t = await tag(`Feed${unique()}`);
    const story = await createStory({ headline: 'Feeds & <friends>', tagIds: [t.id], body: doc('Body with & ampersand') });
    await publish(story);
    const rss = await app.request('GET', '/api/public/feeds/latest.rss');
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    expect(XMLValidator.validate(rss.text)).toBe(true);
    expect(rss.text).toContain('<title>Feeds &amp; &lt;friends&gt;</title>');
    const json = await app.request('GET', `/api/public/feeds/tags/${t.slug}.json`);
    expect(json.body).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: expect.stringContaining(t.name) });
    expect(json.body.items[0]).toMatchObject({
      id: expect.stringContaining(story.slug),
      title: 'Feeds & <friends>',
      content_html: '<p>Body with &amp; ampersand</p>',
      date_published: expect.any(String),
      tags: [t.name],
    });
    const etag = rss.headers.get('etag')!;
    expect((await app.request('GET', '/api/public/feeds/latest.rss', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await app.request('GET', '/api/public/feeds/tags/nope.rss')).status).toBe(404);
  });
});

describe('bylines and programs', () => {
  it('keeps bylines in order, requires one to publish, and shows them publicly', async () => {
    const admin = (await app.signIn(['admin'])).token;
    const second = (
      await app.request('POST', '/api/correspondents', {
        token: admin,
        body: { name: `Mira Drob ${unique()}`, title: 'Reporter', bureau: 'Kyiv' },
      })
    ).body;
    const story = await createStory({ bylineIds: [] });
    const refused = await publish(story);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'bylineIds', message: 'At least one byline is required to publish' }]);
    const unknown = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor.token,
      body: { version: 1, bylineIds: ['8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d'] },
    });
    expect(unknown.body.errors[0].field).toBe('bylineIds');
    const bylined = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor.token,
      body: { version: 1, bylineIds: [second.id, app.bylineId] },
    });
    expect(bylined.body.bylines.map((b: { id: string }) => b.id)).toEqual([second.id, app.bylineId]);
    const live = (await publish(bylined.body)).body;
    const open = await app.request('GET', `/api/public/stories/${story.slug}`);
    expect(open.body.bylines).toEqual([
      // hasPage: whether the correspondent's public page exists (neither profile is published here).
      { name: second.name, slug: second.slug, title: 'Reporter', hasPage: false },
      { name: 'Tess Reporter', slug: 'tess-reporter', title: 'Correspondent', hasPage: false },
    ]);
    expect(
      (await app.request('GET', `/api/public/stories?correspondent=${second.slug}`)).body.items.map((s: { slug: string }) => s.slug),
    ).toEqual([story.slug]);
    expect((await app.request('GET', `/api/stories?correspondent=${second.id}`, { token: editor.token })).body.items).toHaveLength(1);
    const word = story.headline.split(' ')[1];
    expect(
      (await app.request('GET', `/api/public/search?q=${word}&correspondent=${second.slug}`)).body.items.map(
        (s: { slug: string }) => s.slug,
      ),
    ).toEqual([story.slug]);
    expect((await app.request('GET', `/api/public/search?q=${word}&correspondent=nobody-here`)).body.items).toHaveLength(0);
    const revision = await app.request('GET', `/api/stories/${story.id}/revisions/2`, { token: editor.token });
    expect(revision.body).toMatchObject({ changedFields: ['bylineIds'], snapshot: { bylineIds: [second.id, app.bylineId] } });
    expect((await app.request('DELETE', `/api/correspondents/${second.id}?version=${second.version}`, { token: admin })).status).toBe(409);
    expect(live.status).toBe('published');
  });

  it('links a story to a program and filters the public list by it', async () => {
    const producer = (await app.signIn(['producer'])).token;
    const program = (await app.request('POST', '/api/programs', { token: producer, body: { name: `Morning Desk ${unique()}` } })).body;
    const unknown = await app.request('POST', '/api/stories', {
      token: editor.token,
      body: { headline: 'No such program', programId: '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('programId');
    const story = await createStory({ programId: program.id });
    expect(story.programId).toBe(program.id);
    await publish(story);
    expect(
      (await app.request('GET', `/api/public/stories?program=${program.slug}`)).body.items.map((s: { slug: string }) => s.slug),
    ).toEqual([story.slug]);
  });
});
