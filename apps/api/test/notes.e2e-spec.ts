import { DEMO_USERS, loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { loadDemoNotes } from '../src/database/demo-notes.js';
import { PublicCache } from '../src/public/public-cache.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createProgram } from './support/schedule.js';
import { Desk, doc, word } from './support/desk.js';

/**
 * Notes on drafts (issue 15 item 5): editorial notes with @mentions, resolved or open, by everyone
 * who reads stories; the body edited only by its author, deleted by its author or an admin;
 * versioned (409 when stale, one winner among parallel resolves); audited; never story content
 * (the story's version and revisions stay as they were) and never in any public output.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;
type User = { token: string; userId: string };

let app: TestApp;
let desk: Desk;
let admin: User;
let editor: User;
let editorB: User;
let producer: User;
let story: Body;
const statuses: number[] = [];

/** A request as `user` (none: no session), counting every status for the 0-5xx check. */
async function call(user: User | null, method: string, path: string, body?: unknown) {
  const response = await app.request(method, path, { ...(user ? { token: user.token } : {}), body });
  statuses.push(response.status);
  return response;
}

async function note(user: User, fields: Record<string, unknown>, storyId: string = story.id): Promise<Body> {
  const response = await call(user, 'POST', `/api/stories/${storyId}/notes`, fields);
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  return response.body;
}

const fields = (response: { body: Body }) => ((response.body?.errors ?? []) as Array<{ field: string }>).map((error) => error.field);

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.signIn(['admin']);
  editor = await app.signIn(['editor']);
  editorB = await app.signIn(['editor']);
  producer = await app.signIn(['producer']);
  desk = new Desk(app, admin.token);
  const person = await desk.person(`Speaker ${word('speaker')}`);
  story = await desk.story({
    headline: `Notes ${word('head')}`,
    body: doc('First paragraph.', 'Second paragraph.'),
    transcript: { turns: [Desk.turn(person.id, 'One turn.')] },
  });
});
afterAll(async () => {
  await app?.close();
});

describe('notes: who may do what', () => {
  it('lets admins, editors and producers note, list and resolve; no session is 401 on every route', async () => {
    for (const user of [admin, editor, producer]) {
      const created = await note(user, { body: `From ${user.userId}` });
      expect(created).toMatchObject({ storyId: story.id, author: { id: user.userId }, resolved: null, version: 1, mentions: [] });
      const listed = await call(user, 'GET', `/api/stories/${story.id}/notes?state=open`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item: Body) => item.id)).toContain(created.id);
      const resolved = await call(user, 'PATCH', `/api/notes/${created.id}`, { version: 1, resolved: true });
      expect(resolved.status).toBe(200);
      expect(resolved.body.resolved).toMatchObject({ by: { id: user.userId } });
      expect(resolved.body.version).toBe(2);
    }
    const id = (await note(editor, { body: 'Unseen' })).id;
    for (const [method, path, body] of [
      ['GET', `/api/stories/${story.id}/notes`],
      ['POST', `/api/stories/${story.id}/notes`, { body: 'x' }],
      ['PATCH', `/api/notes/${id}`, { version: 1, resolved: true }],
      ['DELETE', `/api/notes/${id}?version=1`],
      ['GET', '/api/me/mentions'],
      ['POST', `/api/me/mentions/${id}/read`],
      ['GET', '/api/staff'],
    ] as const)
      expect({ method, path, status: (await call(null, method, path, body)).status }).toEqual({ method, path, status: 401 });
  });

  it('edits the body only by its author (403 otherwise), resolves and reopens by anyone, 404 for a missing note or story', async () => {
    const created = await note(editor, { body: 'Check the figures' });
    const other = await call(editorB, 'PATCH', `/api/notes/${created.id}`, { version: 1, body: 'Rewritten by someone else' });
    expect(other.status).toBe(403);
    const byAdmin = await call(admin, 'PATCH', `/api/notes/${created.id}`, { version: 1, body: 'Rewritten by the admin' });
    expect(byAdmin.status).toBe(403);
    // Resolving with the body sent back unchanged is not an edit.
    const resolved = await call(editorB, 'PATCH', `/api/notes/${created.id}`, { version: 1, body: 'Check the figures', resolved: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ body: 'Check the figures', resolved: { by: { id: editorB.userId } }, version: 2 });
    const edited = await call(editor, 'PATCH', `/api/notes/${created.id}`, { version: 2, body: 'Check the figures again' });
    expect(edited.body).toMatchObject({ body: 'Check the figures again', version: 3, resolved: { by: { id: editorB.userId } } });
    const reopened = await call(producer, 'PATCH', `/api/notes/${created.id}`, { version: 3, resolved: false });
    expect(reopened.body).toMatchObject({ resolved: null, version: 4 });
    expect((await call(editor, 'PATCH', '/api/notes/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d', { version: 1, resolved: true })).status).toBe(
      404,
    );
    expect((await call(editor, 'GET', '/api/stories/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d/notes')).status).toBe(404);
    expect((await call(editor, 'POST', '/api/stories/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d/notes', { body: 'x' })).status).toBe(404);
  });

  it('deletes by its author or an admin only (403 otherwise), on the current version (409 when stale)', async () => {
    const mine = await note(producer, { body: 'Delete me' });
    expect((await call(editor, 'DELETE', `/api/notes/${mine.id}?version=1`)).status).toBe(403);
    const stale = await call(producer, 'DELETE', `/api/notes/${mine.id}?version=2`);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(1);
    expect((await call(producer, 'DELETE', `/api/notes/${mine.id}?version=1`)).status).toBe(204);
    expect((await call(producer, 'DELETE', `/api/notes/${mine.id}?version=1`)).status).toBe(404);
    const theirs = await note(editor, { body: 'An admin removes this' });
    expect((await call(admin, 'DELETE', `/api/notes/${theirs.id}?version=1`)).status).toBe(204);
  });

  it('answers a stale edit or resolve with 409 and the current version', async () => {
    const created = await note(editor, { body: 'Versioned' });
    expect((await call(editor, 'PATCH', `/api/notes/${created.id}`, { version: 1, body: 'Versioned, twice' })).status).toBe(200);
    const stale = await call(editorB, 'PATCH', `/api/notes/${created.id}`, { version: 1, resolved: true });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
  });

  it('lets exactly one of 10 parallel resolves with the same version through; the other 9 are 409', async () => {
    const created = await note(editor, { body: 'Race' });
    const users = [admin, editor, editorB, producer];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(users[i % users.length]!, 'PATCH', `/api/notes/${created.id}`, { version: 1, resolved: true }),
      ),
    );
    const counted = answers.map((answer) => answer.status).sort();
    expect(counted).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const listed = await call(editor, 'GET', `/api/stories/${story.id}/notes?state=resolved`);
    expect(listed.body.items.find((item: Body) => item.id === created.id).version).toBe(2);
  });

  it('records create, edit, resolve, unresolve and delete in the audit log', async () => {
    const created = await note(editor, { body: 'Audited', mentions: [editorB.userId] });
    await call(editor, 'PATCH', `/api/notes/${created.id}`, { version: 1, body: 'Audited, edited' });
    await call(producer, 'PATCH', `/api/notes/${created.id}`, { version: 2, resolved: true });
    await call(producer, 'PATCH', `/api/notes/${created.id}`, { version: 3, resolved: false });
    await call(editor, 'DELETE', `/api/notes/${created.id}?version=4`);
    const entries: Array<{ action: string; actor_id: string; diff: Body }> = await app.db.query(
      `SELECT action, actor_id, diff FROM audit_entries WHERE entity = 'note' AND entity_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(entries.map((entry) => [entry.action, entry.actor_id])).toEqual([
      ['create', editor.userId],
      ['update', editor.userId],
      ['resolve', producer.userId],
      ['unresolve', producer.userId],
      ['delete', editor.userId],
    ]);
    expect(entries[0]!.diff.mentions).toEqual([null, [editorB.userId]]);
    expect(entries[1]!.diff.body).toEqual(['Audited', 'Audited, edited']);
  });
});

describe('notes: bad values are 400 naming the field', () => {
  it('refuses bad bodies, anchors and mentions on create', async () => {
    const gone = await app.signIn(['editor']);
    await app.db.query(`UPDATE users SET active = false WHERE id = $1`, [gone.userId]);
    const unknown = '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d';
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ body: '' }, 'body'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(4001) }, 'body'],
      [{ body: 'a\u0000b' }, 'body'],
      [{ body: 12 }, 'body'],
      [{}, 'body'],
      [{ body: 'ok', anchor: { kind: 'sentence', index: 0 } }, 'anchor.kind'],
      [{ body: 'ok', anchor: { kind: 'paragraph', index: -1 } }, 'anchor.index'],
      [{ body: 'ok', anchor: { kind: 'paragraph', index: 0.5 } }, 'anchor.index'],
      [{ body: 'ok', anchor: { kind: 'paragraph', index: 2 } }, 'anchor.index'],
      [{ body: 'ok', anchor: { kind: 'turn', index: 1 } }, 'anchor.index'],
      [{ body: 'ok', anchor: { kind: 'turn', index: 0, turnId: unknown } }, 'anchor.turnId'],
      [{ body: 'ok', anchor: 'paragraph 1' }, 'anchor'],
      [{ body: 'ok', mentions: [unknown] }, 'mentions.0'],
      [{ body: 'ok', mentions: [editorB.userId, gone.userId] }, 'mentions.1'],
      [{ body: 'ok', mentions: [editorB.userId, editorB.userId] }, 'mentions'],
      [{ body: 'ok', mentions: ['not-a-uuid'] }, 'mentions.0'],
      [{ body: 'ok', mentions: Array.from({ length: 21 }, () => crypto.randomUUID()) }, 'mentions'],
      [{ body: 'ok', mentions: 'everyone' }, 'mentions'],
      [{ body: 'ok', authorId: admin.userId }, 'authorId'],
      [{ body: 'ok', resolved: true }, 'resolved'],
    ];
    for (const [body, field] of cases) {
      const response = await call(editor, 'POST', `/api/stories/${story.id}/notes`, body);
      expect({ body, status: response.status, named: fields(response).includes(field) }).toEqual({ body, status: 400, named: true });
    }
    // Anchors inside the story are taken: the second paragraph, the one turn.
    await note(editor, { body: 'ok', anchor: { kind: 'paragraph', index: 1 } });
    expect((await note(editor, { body: 'ok', anchor: { kind: 'turn', index: 0 } })).anchor).toEqual({ kind: 'turn', index: 0 });
    expect((await note(editor, { body: 'x'.repeat(4000), anchor: null })).body).toHaveLength(4000);
  });

  it('refuses bad updates, deletes and queries', async () => {
    const created = await note(editor, { body: 'Target' });
    const path = `/api/notes/${created.id}`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ body: 'x' }, 'version'],
      [{ version: 0, resolved: true }, 'version'],
      [{ version: '1', resolved: true }, 'version'],
      [{ version: 1 }, 'body'],
      [{ version: 1, body: '' }, 'body'],
      [{ version: 1, body: 'x'.repeat(4001) }, 'body'],
      [{ version: 1, resolved: 'yes' }, 'resolved'],
      [{ version: 1, anchor: null }, 'anchor'],
      [{ version: 1, mentions: [] }, 'mentions'],
    ];
    for (const [body, field] of cases) {
      const response = await call(editor, 'PATCH', path, body);
      expect({ body, status: response.status, named: fields(response).includes(field) }).toEqual({ body, status: 400, named: true });
    }
    for (const [method, url, field] of [
      ['DELETE', path, 'version'],
      ['DELETE', `${path}?version=x`, 'version'],
      ['GET', `/api/stories/${story.id}/notes?state=closed`, 'state'],
      ['GET', '/api/me/mentions?unread=maybe', 'unread'],
      ['GET', '/api/me/mentions?limit=0', 'limit'],
      ['GET', '/api/me/mentions?cursor=abc', 'cursor'],
      ['GET', '/api/staff?limit=51', 'limit'],
      ['GET', `/api/staff?q=${'x'.repeat(101)}`, 'q'],
    ] as const) {
      const response = await call(editor, method, url);
      expect({ url, status: response.status, named: fields(response).includes(field) }).toEqual({ url, status: 400, named: true });
    }
  });
});

describe('mentions', () => {
  it("lists only the signed-in user's mentions, newest first, with the story, unread until read", async () => {
    const first = await note(editor, { body: `@Test editor have a look`, mentions: [editorB.userId, producer.userId] });
    const second = await note(producer, { body: 'Second look, @Test editor', mentions: [editorB.userId] });
    const notMine = await note(editorB, { body: 'For the producer only', mentions: [producer.userId] });
    const listed = await call(editorB, 'GET', '/api/me/mentions');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: Body) => item.note.id)).toEqual([second.id, first.id]);
    expect(listed.body.items[1]).toMatchObject({
      readAt: null,
      story: { id: story.id, headline: story.headline, status: 'draft' },
      note: { body: '@Test editor have a look', author: { id: editor.userId } },
    });
    expect(listed.body.items[1].note.mentions.map((user: Body) => user.id).sort()).toEqual([editorB.userId, producer.userId].sort());
    expect(JSON.stringify(listed.body)).not.toContain(notMine.id);
    // The author, mentioned by nobody, has no mentions at all.
    expect((await call(editor, 'GET', '/api/me/mentions')).body.items).toEqual([]);
    // Marking read: only one's own mention.
    expect((await call(editor, 'POST', `/api/me/mentions/${first.id}/read`)).status).toBe(404);
    expect((await call(editorB, 'POST', `/api/me/mentions/${first.id}/read`)).status).toBe(204);
    expect((await call(editorB, 'POST', `/api/me/mentions/${first.id}/read`)).status).toBe(204);
    const unread = await call(editorB, 'GET', '/api/me/mentions?unread=true');
    expect(unread.body.items.map((item: Body) => item.note.id)).toEqual([second.id]);
    const read = await call(editorB, 'GET', '/api/me/mentions?unread=false');
    expect(read.body.items.map((item: Body) => item.note.id)).toEqual([first.id]);
    expect(read.body.items[0].readAt).toEqual(expect.any(String));
    // The producer's mention of the same note is still unread.
    const theirs = await call(producer, 'GET', '/api/me/mentions?unread=true');
    expect(theirs.body.items.map((item: Body) => item.note.id)).toEqual([notMine.id, first.id]);
  });

  it('pages with a cursor', async () => {
    const reader = await app.signIn(['producer']);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await note(editor, { body: `Page ${i}`, mentions: [reader.userId] })).id);
    const pageOne = await call(reader, 'GET', '/api/me/mentions?limit=2');
    const pageTwo = await call(reader, 'GET', `/api/me/mentions?limit=2&cursor=${pageOne.body.nextCursor}`);
    const pageThree = await call(reader, 'GET', `/api/me/mentions?limit=2&cursor=${pageTwo.body.nextCursor}`);
    expect([...pageOne.body.items, ...pageTwo.body.items, ...pageThree.body.items].map((item: Body) => item.note.id)).toEqual(
      ids.reverse(),
    );
    expect(pageThree.body.nextCursor).toBeNull();
  });

  it('lists active staff as id and name only for the @ autocomplete', async () => {
    const named = word('staffer');
    const id = (await app.signIn(['producer'])).userId;
    await app.db.query(`UPDATE users SET name = $2 WHERE id = $1`, [id, `Rosa ${named}`]);
    const found = await call(producer, 'GET', `/api/staff?q=${named.slice(0, 9)}`);
    expect(found.body.items).toEqual([{ id, name: `Rosa ${named}` }]);
    expect((await call(producer, 'GET', '/api/staff?q=ros&limit=50')).body.items.map((item: Body) => item.id)).toContain(id);
    await app.db.query(`UPDATE users SET active = false WHERE id = $1`, [id]);
    expect((await call(producer, 'GET', `/api/staff?q=${named}`)).body.items).toEqual([]);
    const all = await call(producer, 'GET', '/api/staff?limit=50');
    expect(all.body.items.length).toBeGreaterThan(3);
    for (const item of all.body.items) expect(Object.keys(item).sort()).toEqual(['id', 'name']);
  });
});

describe('notes are not story content', () => {
  it("leaves the story's version and revisions as they were, and shows in no public output, revision, diff, preview or cache", async () => {
    const marker = word('notemarker');
    const tag = await desk.tag(`Tag ${word('tag')}`);
    const person = await desk.person(`Voice ${word('voice')}`);
    const program = await createProgram(app, admin.token);
    await desk.call('PUT', `/api/programs/${program.id}/podcast`, { version: 1, enabled: true, ownerEmail: 'pod@radio.example' });
    const profile = await desk.call('PATCH', `/api/correspondents/${app.bylineId}`, {
      version: (await desk.call('GET', `/api/correspondents/${app.bylineId}`)).version,
      bio: '<p>Covers the city.</p>',
    });
    await desk.call('POST', `/api/correspondents/${app.bylineId}/publish`, { version: profile.version });
    const headlineWord = word('leakhead');
    let live = await desk.publish(
      await desk.story({
        headline: `Live ${headlineWord}`,
        body: doc('A published paragraph.'),
        tagIds: [tag.id],
        programId: program.id,
        transcript: { turns: [Desk.turn(person.id, 'Said on air.')] },
      }),
    );
    const correspondent = await desk.call('GET', `/api/correspondents/${app.bylineId}`);
    const personSlugs = [person.slug, correspondent.personId ? (await desk.call('GET', `/api/people/${correspondent.personId}`)).slug : ''];
    const publicPaths = [
      `/api/public/stories/${live.slug}`,
      `/api/public/stories/${live.slug}/transcript.txt`,
      `/api/public/stories/${live.slug}/transcript.html`,
      `/api/public/stories/${live.slug}/chapters.json`,
      '/api/public/stories?limit=100',
      `/api/public/stories?limit=100&tag=${tag.slug}`,
      `/api/public/search?limit=100&q=${headlineWord}`,
      `/api/public/search?limit=100&q=${marker}`,
      `/api/public/tags/${tag.slug}`,
      `/api/public/feeds/tags/${tag.slug}.rss`,
      `/api/public/feeds/tags/${tag.slug}.json`,
      '/api/public/feeds/latest.rss',
      '/api/public/feeds/latest.json',
      `/api/public/correspondents/${correspondent.slug}`,
      '/api/public/correspondents?limit=100',
      ...personSlugs.filter(Boolean).map((slug) => `/api/public/people/${slug}`),
      `/api/public/programs/${program.slug}/podcast.rss`,
    ];
    const read = async () => Promise.all(publicPaths.map(async (path) => ({ path, ...(await app.request('GET', path)) })));
    const shown = await read();
    // Positive control: the story itself is visible where the matrix looks.
    expect(shown.filter((answer) => answer.text.includes(headlineWord)).length).toBeGreaterThan(8);

    const before = await desk.call('GET', `/api/stories/${live.id}`);
    const revisionsBefore = (await desk.call('GET', `/api/stories/${live.id}/revisions`)).items.length;
    const body = `${marker} <script>alert(1)</script><img src=x onerror=alert(2)> not for readers`;
    const created = await note(editor, { body, anchor: { kind: 'paragraph', index: 0 }, mentions: [editorB.userId] }, live.id);
    expect(created.storyId).toBe(live.id);
    await call(producer, 'PATCH', `/api/notes/${created.id}`, { version: 1, resolved: true });
    expect(created.body).toBe(body);
    const after = await desk.call('GET', `/api/stories/${live.id}`);
    expect({ version: after.version, updatedAt: after.updatedAt }).toEqual({ version: before.version, updatedAt: before.updatedAt });
    expect((await desk.call('GET', `/api/stories/${live.id}/revisions`)).items.length).toBe(revisionsBefore);

    // A real edit after the note: every public answer is computed afresh while the note exists.
    live = await desk.edit(live, { teaser: `Teaser ${headlineWord}` });
    const revisions = (await desk.call('GET', `/api/stories/${live.id}/revisions`)).items as Body[];
    const staff = [
      await app.request('GET', `/api/stories/${live.id}`, { token: editor.token }),
      await app.request('GET', `/api/stories/${live.id}/preview`, { token: editor.token }),
      await app.request('GET', `/api/stories/${live.id}/revisions`, { token: editor.token }),
      ...(await Promise.all(
        revisions.map((rev) => app.request('GET', `/api/stories/${live.id}/revisions/${rev.n}`, { token: editor.token })),
      )),
      await app.request('GET', `/api/stories/${live.id}/revisions/diff?from=1&to=${revisions.length}`, { token: editor.token }),
      await app.request('GET', `/api/stories?limit=100`, { token: editor.token }),
    ];
    for (const answer of staff) expect(answer.status).toBe(200);
    const leaks = [...(await read()), ...staff.map((answer, i) => ({ path: `staff #${i}`, ...answer }))].filter((answer) =>
      `${answer.text}\n${[...answer.headers].join('\n')}`.toLowerCase().includes(marker),
    );
    expect(leaks.map((answer) => answer.path)).toEqual([]);
    const cache = app.nest.get(PublicCache) as unknown as { entries: Map<string, { body: string }> };
    expect(cache.entries.size).toBeGreaterThan(5);
    // (Keys are request URLs: the search for the marker is one of them; its answer is empty.)
    expect([...cache.entries].filter(([, entry]) => entry.body.toLowerCase().includes(marker)).map(([key]) => key)).toEqual([]);
    // The staff note itself keeps the markup as text.
    const listed = await call(editor, 'GET', `/api/stories/${live.id}/notes`);
    expect(listed.body.items[0].body).toBe(body);
    expect(listed.text.toLowerCase()).toContain(marker);
  });
});

describe('demo notes', () => {
  it("load once, and the demo editor's desk has an unread mention on the story in review", async () => {
    await loadDemoNewsroom(app.db);
    expect(await loadDemoNotes(app.db)).toBe(true);
    expect(await loadDemoNotes(app.db)).toBe(false);
    const editorLogin = DEMO_USERS.find((user) => user.email === 'editor@newsdesk.local')!;
    const login = await app.request('POST', '/api/auth/login', { body: { email: editorLogin.email, password: editorLogin.password } });
    const mentions = await call({ token: login.body.token, userId: login.body.user?.id }, 'GET', '/api/me/mentions?unread=true');
    expect(mentions.body.items).toHaveLength(1);
    expect(mentions.body.items[0]).toMatchObject({
      story: { headline: 'What Sanctions Relief Could Look Like', status: 'in_review' },
      note: { author: { name: 'Ada Admin' }, body: expect.stringContaining('@Edith Editor'), anchor: { kind: 'paragraph', index: 0 } },
    });
  });
});

it('answered no request with a 5xx', () => {
  expect(statuses.length).toBeGreaterThan(100);
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
});
