import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { assertBuilt, startApiProcess, type ApiProcess } from './support/processes.js';
import { openSse, type SseEvent, type SseStream } from './support/sse.js';

/**
 * Presence and soft locks (issue 15, docs/presence.md) across two API processes (the production
 * build, `node dist/main.js`) on one database: what a tab does through one process reaches a
 * stream held by the other through PostgreSQL's NOTIFY; lock contention is settled by one
 * statement; closing a stream or a process dying frees what its tabs held; a lock never stops
 * the version check.
 */
let app: TestApp;
let one: ApiProcess;
let two: ApiProcess;
const streams: SseStream[] = [];
let editorA: { token: string; userId: string };
let editorB: { token: string; userId: string };
let producer: { token: string; userId: string };

beforeAll(async () => {
  assertBuilt();
  app = await startTestApp();
  [one, two] = await Promise.all([startApiProcess(app.config.DATABASE_URL), startApiProcess(app.config.DATABASE_URL)]);
  editorA = await app.signIn(['editor']);
  editorB = await app.signIn(['editor']);
  producer = await app.signIn(['producer']);
}, 60_000);

afterAll(async () => {
  for (const stream of streams) stream.close();
  await Promise.all([one?.stop(), two?.stop()]);
  await app?.close();
});

async function newStory(label: string): Promise<{ id: string; version: number }> {
  const created = await app.request('POST', '/api/stories', {
    token: editorA.token,
    body: { headline: `${label} ${randomUUID()}`, bylineIds: [app.bylineId] },
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** fetch against one of the API processes. */
async function call(base: string, method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function stream(base: string, storyId: string, tab: string, token: string): Promise<SseStream> {
  const opened = await openSse(`${base}/api/stories/${storyId}/presence/stream?tab=${tab}`, token);
  streams.push(opened);
  return opened;
}

const hasViewer = (tab: string) => (event: SseEvent) => event.data.viewers.some((viewer: { tabId: string }) => viewer.tabId === tab);
const lacksViewer = (tab: string) => (event: SseEvent) => !hasViewer(tab)(event);

describe('presence across two API processes', () => {
  it('streams a snapshot at once, and a viewer joining and typing through the other process', async () => {
    const story = await newStory('Presence');
    const tabA = randomUUID();
    const tabB = randomUUID();
    const a = await stream(one.url, story.id, tabA, editorA.token);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(a.headers.get('cache-control')).toContain('no-transform');
    const first = await a.next(hasViewer(tabA));
    expect(first.data).toEqual({
      viewers: [{ userId: editorA.userId, name: 'Test editor', tabId: tabA, section: null, typing: false, since: expect.any(String) }],
      lock: null,
    });

    const joinedAt = Date.now();
    const b = await stream(two.url, story.id, tabB, editorB.token);
    const seen = await a.next(hasViewer(tabB));
    process.stdout.write(`presence: a viewer joining through process 2 reached a stream on process 1 after ${seen.at - joinedAt} ms\n`);
    expect(seen.data.viewers.map((viewer: { userId: string }) => viewer.userId)).toEqual([editorA.userId, editorB.userId]);
    await b.next(hasViewer(tabA));

    expect(
      (await call(two.url, 'POST', `/api/stories/${story.id}/presence`, editorB.token, { tab: tabB, section: 'body', typing: true }))
        .status,
    ).toBe(204);
    const typing = await a.next((event) =>
      event.data.viewers.some(
        (v: { tabId: string; typing: boolean; section: string }) => v.tabId === tabB && v.typing && v.section === 'body',
      ),
    );
    expect(typing.data.viewers.find((v: { tabId: string }) => v.tabId === tabB)).toMatchObject({ section: 'body', typing: true });
    expect((await call(one.url, 'GET', `/api/stories/${story.id}/presence`, producer.token)).body.viewers).toHaveLength(2);

    const mark = a.events.length;
    b.close();
    await a.next(lacksViewer(tabB), 10_000, mark);
  });

  it('gives the lock to exactly one of many parallel acquires (through both processes); the same tab may take it again', async () => {
    const story = await newStory('Contention');
    const tabs = Array.from({ length: 12 }, () => randomUUID());
    const answers = await Promise.all(
      tabs.map((tab, i) =>
        call(i % 2 ? two.url : one.url, 'POST', `/api/stories/${story.id}/lock`, i % 3 ? editorA.token : editorB.token, { tab }),
      ),
    );
    const won = answers.filter((answer) => answer.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(tabs.length - 1);
    const holder = won[0]!.body;
    for (const lost of answers.filter((answer) => answer.status === 409)) {
      expect(lost.body.conflict.lock).toEqual(holder);
      expect(lost.body.detail).toContain(holder.name);
      expect(lost.body.errors).toEqual([{ field: 'tab', message: `the lock is held by ${holder.name}` }]);
    }
    const holderToken = holder.userId === editorA.userId ? editorA.token : editorB.token;
    const again = await call(two.url, 'POST', `/api/stories/${story.id}/lock`, holderToken, { tab: holder.tabId });
    expect(again).toMatchObject({ status: 200, body: holder });
    // Another tab of the same user is another editor: refused too.
    expect((await call(one.url, 'POST', `/api/stories/${story.id}/lock`, holderToken, { tab: randomUUID() })).status).toBe(409);
    // Releasing with someone else's tab does nothing; the holder's release frees it.
    const other = holder.userId === editorA.userId ? editorB.token : editorA.token;
    expect((await call(one.url, 'DELETE', `/api/stories/${story.id}/lock?tab=${holder.tabId}`, other)).status).toBe(204);
    expect((await call(one.url, 'GET', `/api/stories/${story.id}/presence`, other)).body.lock).toEqual(holder);
    expect((await call(one.url, 'DELETE', `/api/stories/${story.id}/lock?tab=${holder.tabId}`, holderToken)).status).toBe(204);
    expect((await call(one.url, 'GET', `/api/stories/${story.id}/presence`, other)).body.lock).toBeNull();
  });

  it('tells the holder when another editor takes over (audited: who from whom), and parallel take-overs leave one holder', async () => {
    const story = await newStory('Take over');
    const tabA = randomUUID();
    const tabB = randomUUID();
    const a = await stream(one.url, story.id, tabA, editorA.token);
    expect((await call(one.url, 'POST', `/api/stories/${story.id}/lock`, editorA.token, { tab: tabA })).status).toBe(200);
    await a.next((event) => event.data.lock?.tabId === tabA);
    const refused = await call(two.url, 'POST', `/api/stories/${story.id}/lock`, editorB.token, { tab: tabB });
    expect(refused.status).toBe(409);
    const taken = await call(two.url, 'POST', `/api/stories/${story.id}/lock/take-over`, editorB.token, { tab: tabB });
    expect(taken).toMatchObject({ status: 200, body: { userId: editorB.userId, tabId: tabB } });
    const told = await a.next((event) => event.data.lock?.tabId === tabB);
    expect(told.data.lock).toEqual(taken.body);
    const audit: Array<{ actor_id: string; diff: Record<string, [string, string]> }> = await app.db.query(
      `SELECT actor_id, diff FROM audit_entries WHERE action = 'lock.take_over' AND entity_id = $1`,
      [story.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(editorB.userId);
    expect(audit[0]!.diff.lockTab).toEqual([tabA, tabB]);
    const emails: Array<{ email: string }> = await app.db.query(
      `SELECT email FROM users WHERE id = ANY($1) ORDER BY array_position($1, id)`,
      [[editorA.userId, editorB.userId]],
    );
    expect(audit[0]!.diff.lockHolder).toEqual(emails.map((row) => row.email));

    const contenders = Array.from({ length: 6 }, () => randomUUID());
    const answers = await Promise.all(
      contenders.map((tab, i) =>
        call(i % 2 ? one.url : two.url, 'POST', `/api/stories/${story.id}/lock/take-over`, editorA.token, { tab }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(contenders.map(() => 200));
    const final = (await call(one.url, 'GET', `/api/stories/${story.id}/presence`, editorA.token)).body.lock;
    expect(contenders).toContain(final.tabId);
    // Every take-over was recorded with the holder it really displaced: the chain has no gaps.
    const chain: Array<{ diff: { lockTab: [string, string] } }> = await app.db.query(
      `SELECT diff FROM audit_entries WHERE action = 'lock.take_over' AND entity_id = $1 ORDER BY id`,
      [story.id],
    );
    expect(chain).toHaveLength(1 + contenders.length);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.diff.lockTab[0]).toBe(chain[i - 1]!.diff.lockTab[1]);
    expect(chain.at(-1)!.diff.lockTab[1]).toBe(final.tabId);
  });

  it("releases a tab's lock and removes it when its stream closes", async () => {
    const story = await newStory('Close');
    const tabA = randomUUID();
    const tabB = randomUUID();
    const a = await stream(one.url, story.id, tabA, editorA.token);
    const b = await stream(two.url, story.id, tabB, editorB.token);
    expect((await call(two.url, 'POST', `/api/stories/${story.id}/lock`, editorB.token, { tab: tabB })).status).toBe(200);
    await a.next((event) => event.data.lock?.tabId === tabB && hasViewer(tabB)(event));
    const mark = a.events.length;
    b.close();
    const after = await a.next((event) => event.data.lock === null && lacksViewer(tabB)(event), 10_000, mark);
    expect(after.data.viewers.map((viewer: { tabId: string }) => viewer.tabId)).toEqual([tabA]);
    expect((await call(one.url, 'POST', `/api/stories/${story.id}/lock`, editorA.token, { tab: tabA })).status).toBe(200);
  });

  it('keeps the version check under a lock: a stale save is 409 for the holder, and a save by someone else is not blocked', async () => {
    const story = await newStory('Stale');
    const tabA = randomUUID();
    expect((await call(one.url, 'POST', `/api/stories/${story.id}/lock`, editorA.token, { tab: tabA })).status).toBe(200);
    const byB = await call(two.url, 'PATCH', `/api/stories/${story.id}`, editorB.token, {
      version: story.version,
      headline: `B saved ${randomUUID()}`,
    });
    expect(byB.status).toBe(200);
    const stale = await call(one.url, 'PATCH', `/api/stories/${story.id}`, editorA.token, { version: story.version, headline: 'A stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(story.version + 1);
    expect((await call(one.url, 'GET', `/api/stories/${story.id}/presence`, editorA.token)).body.lock.tabId).toBe(tabA);
  });
});

describe('input and roles', () => {
  let storyId: string;
  beforeAll(async () => {
    storyId = (await newStory('Input')).id;
  });

  it.each([
    ['tab: not a uuid', { tab: 'nope', section: null, typing: false }, 'tab'],
    ['tab: missing', { section: null, typing: false }, 'tab'],
    ['section: 41 characters', { tab: randomUUID(), section: 'a'.repeat(41), typing: false }, 'section'],
    ['section: empty', { tab: randomUUID(), section: '', typing: false }, 'section'],
    ['section: not a name', { tab: randomUUID(), section: 'Body <b>', typing: false }, 'section'],
    ['section: a number', { tab: randomUUID(), section: 3, typing: false }, 'section'],
    ['typing: a string', { tab: randomUUID(), section: null, typing: 'yes' }, 'typing'],
    ['typing: missing', { tab: randomUUID(), section: null }, 'typing'],
    ['an unknown field', { tab: randomUUID(), section: null, typing: false, userId: randomUUID() }, 'userId'],
  ])('refuses presence with %s, naming the field', async (_, body, field) => {
    const answer = await call(one.url, 'POST', `/api/stories/${storyId}/presence`, editorA.token, body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it.each([
    ['POST', 'lock', { tab: 'x' }],
    ['POST', 'lock/take-over', { tab: 12 }],
    ['POST', 'lock', {}],
    ['POST', 'lock', { tab: randomUUID(), extra: 1 }],
  ])('refuses %s %s with a bad tab, naming the field', async (method, path, body) => {
    const answer = await call(one.url, method, `/api/stories/${storyId}/${path}`, editorA.token, body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].field).toMatch(/^(tab|extra)$/);
  });

  it('refuses a bad or missing ?tab on the stream and on release, and answers 404 for a missing story', async () => {
    for (const path of [`/api/stories/${storyId}/presence/stream?tab=nope`, `/api/stories/${storyId}/presence/stream`]) {
      const answer = await call(one.url, 'GET', path, editorA.token);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].field).toBe('tab');
    }
    expect((await call(one.url, 'DELETE', `/api/stories/${storyId}/lock?tab=1`, editorA.token)).body.errors[0].field).toBe('tab');
    const missing = randomUUID();
    expect((await call(one.url, 'GET', `/api/stories/${missing}/presence/stream?tab=${randomUUID()}`, editorA.token)).status).toBe(404);
    expect((await call(one.url, 'POST', `/api/stories/${missing}/lock`, editorA.token, { tab: randomUUID() })).status).toBe(404);
    expect((await call(one.url, 'GET', `/api/stories/${missing}/presence`, editorA.token)).status).toBe(404);
  });

  it("refuses another user's tab id (409 naming tab)", async () => {
    const tab = randomUUID();
    expect(
      (await call(one.url, 'POST', `/api/stories/${storyId}/presence`, editorA.token, { tab, section: null, typing: false })).status,
    ).toBe(204);
    const answer = await call(one.url, 'POST', `/api/stories/${storyId}/presence`, editorB.token, { tab, section: 'body', typing: true });
    expect(answer.status).toBe(409);
    expect(answer.body.errors[0].field).toBe('tab');
  });

  it('lets a producer see presence and be seen, but not lock (403); no session is 401 everywhere', async () => {
    const tab = randomUUID();
    const seen = await stream(two.url, storyId, tab, producer.token);
    expect(seen.status).toBe(200);
    await seen.next(hasViewer(tab));
    expect(
      (await call(one.url, 'POST', `/api/stories/${storyId}/presence`, producer.token, { tab, section: 'transcript', typing: false }))
        .status,
    ).toBe(204);
    expect((await call(one.url, 'GET', `/api/stories/${storyId}/presence`, producer.token)).status).toBe(200);
    expect((await call(one.url, 'POST', `/api/stories/${storyId}/lock`, producer.token, { tab })).status).toBe(403);
    expect((await call(one.url, 'POST', `/api/stories/${storyId}/lock/take-over`, producer.token, { tab })).status).toBe(403);
    expect((await call(one.url, 'DELETE', `/api/stories/${storyId}/lock?tab=${tab}`, producer.token)).status).toBe(403);
    seen.close();
    for (const [method, path, body] of [
      ['GET', `presence/stream?tab=${tab}`, undefined],
      ['GET', 'presence', undefined],
      ['POST', 'presence', { tab, section: null, typing: false }],
      ['POST', 'lock', { tab }],
      ['POST', 'lock/take-over', { tab }],
      ['DELETE', `lock?tab=${tab}`, undefined],
    ] as const) {
      expect((await call(one.url, method, `/api/stories/${storyId}/${path}`, undefined, body)).status).toBe(401);
    }
  });
});

describe('a process that dies', () => {
  it('keeps its tabs for 45 s after their last heartbeat, then they are ignored, swept, and their lock is free', async () => {
    const story = await newStory('Dead tab');
    const tabA = randomUUID();
    const tabDead = randomUUID();
    const a = await stream(one.url, story.id, tabA, editorA.token);
    await stream(two.url, story.id, tabDead, editorB.token);
    expect((await call(two.url, 'POST', `/api/stories/${story.id}/lock`, editorB.token, { tab: tabDead })).status).toBe(200);
    await a.next((event) => event.data.lock?.tabId === tabDead);
    // The process dies without a word: nothing deletes its rows.
    const exited = new Promise((done) => two.child.once('exit', done));
    two.child.kill('SIGKILL');
    await exited;
    const during = await call(one.url, 'GET', `/api/stories/${story.id}/presence`, editorA.token);
    expect(during.body.lock.tabId).toBe(tabDead);
    expect(during.body.viewers.map((viewer: { tabId: string }) => viewer.tabId)).toContain(tabDead);
    expect((await call(one.url, 'POST', `/api/stories/${story.id}/lock`, editorA.token, { tab: tabA })).status).toBe(409);
    // 45 s pass without a heartbeat from it (the rows' clock is moved back rather than waiting).
    await app.db.query(`UPDATE story_presence SET seen_at = now() - interval '46 seconds' WHERE tab_id = $1`, [tabDead]);
    await app.db.query(`UPDATE story_locks SET seen_at = now() - interval '46 seconds' WHERE tab_id = $1`, [tabDead]);
    const after = await call(one.url, 'GET', `/api/stories/${story.id}/presence`, editorA.token);
    expect(after.body.lock).toBeNull();
    expect(after.body.viewers.map((viewer: { tabId: string }) => viewer.tabId)).toEqual([tabA]);
    expect((await call(one.url, 'POST', `/api/stories/${story.id}/lock`, editorA.token, { tab: tabA })).status).toBe(200);
    // The living processes' heartbeats sweep the dead one's rows, and process 1's keeps its own tab (within one 15 s beat).
    await app.db.query(`UPDATE story_presence SET seen_at = now() - interval '30 seconds' WHERE tab_id = $1`, [tabA]);
    const state = async () => {
      const [row]: Array<{ dead: number; age: number }> = await app.db.query(
        `SELECT (SELECT count(*)::int FROM story_presence WHERE tab_id = $1) AS dead,
                (SELECT extract(epoch FROM now() - seen_at)::float FROM story_presence WHERE tab_id = $2) AS age`,
        [tabDead, tabA],
      );
      return row!;
    };
    let now = await state();
    for (let i = 0; i < 50 && (now.dead > 0 || now.age >= 20); i++) {
      await new Promise((done) => setTimeout(done, 500));
      now = await state();
    }
    expect(now.dead).toBe(0);
    expect(now.age).toBeLessThan(20);
    expect((await call(one.url, 'GET', `/api/stories/${story.id}/presence`, editorA.token)).body.viewers).toHaveLength(1);
  }, 60_000);
});
