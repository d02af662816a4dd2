import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cdsErrors } from './support/cds-profiles.js';
import { startTestApp, type TestApp } from './support/app.js';
import { assertBuilt, freePort, startApiProcess, type ApiProcess } from './support/processes.js';

/**
 * Issue 18 item 3: one delivery per destination and change, through the outbox, to a CDS on
 * loopback (a real HTTP server in this test that checks each request against the CDS contract:
 * `PUT /v1/documents/{id}` with `Authorization: Bearer <token>` and a JSON document, `DELETE
 * /v1/documents/{id}`). Retries, a destination down for the whole window, Resend, the order of
 * versions, and two API processes delivering each change once.
 */
interface Received {
  method: string;
  documentId: string;
  version: number;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: Record<string, unknown> | null;
}

/** A CDS on loopback. `answer` decides each status (default 200); requests off the contract get 400 and are recorded as errors. */
class FakeCds {
  server: Server;
  received: Received[] = [];
  contractErrors: string[] = [];
  answer: (request: Received) => number = () => 200;
  constructor(private readonly token: string) {
    this.server = createServer(
      (request, response) =>
        void this.handle(request).then((status) =>
          response.writeHead(status).end(status < 300 ? '{"ok":true}' : `{"error":"status ${status}"}`),
        ),
    );
  }
  private async handle(request: IncomingMessage): Promise<number> {
    let text = '';
    for await (const chunk of request) text += chunk;
    const match = /^\/v1\/documents\/([a-z]+[a-z0-9]*-[a-z0-9-]+)$/.exec(request.url ?? '');
    const errors: string[] = [];
    if (!match) errors.push(`path ${request.url}`);
    if (request.method !== 'PUT' && request.method !== 'DELETE') errors.push(`method ${request.method}`);
    if (request.headers.authorization !== `Bearer ${this.token}`) errors.push('authorization');
    let body: Record<string, unknown> | null = null;
    if (request.method === 'PUT') {
      if (!String(request.headers['content-type']).startsWith('application/json')) errors.push('content-type');
      body = JSON.parse(text);
      if (body?.id !== match?.[1]) errors.push('document id differs from the path');
      errors.push(...cdsErrors(body!));
    }
    if (errors.length) {
      this.contractErrors.push(...errors);
      return 400;
    }
    const received: Received = {
      method: request.method!,
      documentId: match![1]!,
      version: Number(request.headers['x-newsdesk-story-version']),
      authorization: request.headers.authorization,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      body,
    };
    const status = this.answer(received);
    if (status < 300) this.received.push(received);
    return status;
  }
  async listen(port = 0): Promise<string> {
    await new Promise<void>((done) => this.server.listen(port, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
  of(storyId: string): Received[] {
    return this.received.filter((r) => r.documentId === `kxyz-${storyId}`);
  }
}

let app: TestApp;
let editor: string;
let admin: string;
const servers: FakeCds[] = [];
const processes: ApiProcess[] = [];

beforeAll(async () => {
  app = await startTestApp({
    DELIVERY_RETRY_BASE_MS: '100',
    DELIVERY_MAX_ATTEMPTS: '3',
    DELIVERY_POLL_MS: '50',
    DELIVERY_TIMEOUT_MS: '2000',
  });
  editor = (await app.signIn(['editor'])).token;
  admin = (await app.signIn(['admin'])).token;
  const settings = await app.request('GET', '/api/distribution/settings', { token: admin });
  await app.request('PUT', '/api/distribution/settings', {
    token: admin,
    body: { version: settings.body.version, cdsPrefix: 'kxyz', cdsServiceId: 's1234' },
  });
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await app?.close();
  await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
});

async function destination(url: string, token: string, name: string): Promise<string> {
  // One live destination at a time: the earlier tests' ones are switched off.
  await app.db.query(`UPDATE distribution_destinations SET enabled = false`);
  const created = await app.request('POST', '/api/distribution/destinations', { token: admin, body: { name, kind: 'cds', url, token } });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function publishedStory(label: string): Promise<{ id: string; version: number }> {
  const created = await app.request('POST', '/api/stories', {
    token: editor,
    body: { headline: `${label} ${Date.now()}`, bylineIds: [app.bylineId] },
  });
  const published = await app.request('POST', `/api/stories/${created.body.id}/publish`, { token: editor, body: { version: 1 } });
  expect(published.status).toBe(200);
  return published.body;
}

/** Until no delivery of the story is pending (each attempt or wait is short in this test's settings). */
async function settled(
  storyId: string,
): Promise<Array<{ state: string; event: string; attempts: number; reason: string | null; story_version: number }>> {
  for (let i = 0; i < 300; i++) {
    const rows = await app.db.query(
      `SELECT state, event, attempts, reason, story_version FROM distribution_deliveries WHERE story_id = $1 AND destination_id IN
         (SELECT id FROM distribution_destinations WHERE enabled) ORDER BY seq`,
      [storyId],
    );
    if (rows.length && !rows.some((row: { state: string }) => row.state === 'pending')) return rows;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('deliveries still pending after 15 s');
}

it('publish -> 1 PUT; correction -> 1 PUT with the new version; unpublish -> 1 DELETE; the panel says sent', async () => {
  const cds = new FakeCds('cds-token-1');
  servers.push(cds);
  await destination(await cds.listen(), 'cds-token-1', 'CDS loopback 1');
  const story = await publishedStory('Pushed');
  await settled(story.id);
  expect(cds.of(story.id).map((r) => [r.method, r.version])).toEqual([['PUT', story.version]]);

  const corrected = await app.request('POST', `/api/stories/${story.id}/corrections`, {
    token: editor,
    body: { version: story.version, text: 'A date was wrong.' },
  });
  expect(corrected.status).toBe(201);
  await settled(story.id);
  const puts = cds.of(story.id);
  expect(puts.map((r) => [r.method, r.version])).toEqual([
    ['PUT', story.version],
    ['PUT', corrected.body.version],
  ]);
  expect(puts[1]!.body!.profiles).toContainEqual({ href: '/v1/profiles/has-corrections', rels: ['interface'] });
  expect(new Set(puts.map((r) => r.idempotencyKey)).size).toBe(2);

  const unpublished = await app.request('POST', `/api/stories/${story.id}/unpublish`, {
    token: editor,
    body: { version: corrected.body.version },
  });
  expect(unpublished.status).toBe(200);
  const rows = await settled(story.id);
  expect(cds.of(story.id).map((r) => r.method)).toEqual(['PUT', 'PUT', 'DELETE']);
  expect(rows.map((r) => [r.event, r.state])).toEqual([
    ['story.published', 'sent'],
    ['story.updated', 'sent'],
    ['story.unpublished', 'sent'],
  ]);
  const panel = await app.request('GET', `/api/stories/${story.id}/distribution`, { token: editor });
  const mine = panel.body.destinations.find((d: { destination: { name: string } }) => d.destination.name === 'CDS loopback 1');
  expect(mine.latest).toMatchObject({ state: 'sent', event: 'story.unpublished', responseStatus: 200, attempts: 1 });
  expect(mine.latest.request).toBe(`DELETE ${mine.destination.url}/v1/documents/kxyz-${story.id}`);
  expect(JSON.stringify(panel.body)).not.toContain('cds-token-1');
  expect(cds.contractErrors).toEqual([]);
}, 60_000);

it('a story never received is not DELETEd; a deleted story that was received is', async () => {
  const cds = new FakeCds('cds-token-2');
  servers.push(cds);
  await destination(await cds.listen(), 'cds-token-2', 'CDS loopback 2');
  const story = await publishedStory('Deleted later');
  await settled(story.id);
  const gone = await app.request('DELETE', `/api/stories/${story.id}?version=${story.version}`, { token: editor });
  expect(gone.status).toBe(204);
  await settled(story.id);
  expect(cds.of(story.id).map((r) => r.method)).toEqual(['PUT', 'DELETE']);
  expect(cds.contractErrors).toEqual([]);
}, 60_000);

it('answers 500, 500, 200 -> retried with backoff to success (3 attempts)', async () => {
  const cds = new FakeCds('cds-token-3');
  servers.push(cds);
  let calls = 0;
  cds.answer = () => (++calls <= 2 ? 500 : 200);
  await destination(await cds.listen(), 'cds-token-3', 'CDS flaky');
  const story = await publishedStory('Flaky');
  const rows = await settled(story.id);
  expect(rows).toMatchObject([{ state: 'sent', attempts: 3, reason: null }]);
  expect(calls).toBe(3);
  expect(cds.of(story.id)).toHaveLength(1);
}, 60_000);

it('down for the whole window -> failed with the reason, on the desk; Resend succeeds once it is back', async () => {
  const port = await freePort();
  const cds = new FakeCds('cds-token-4');
  servers.push(cds);
  const destinationId = await destination(`http://127.0.0.1:${port}`, 'cds-token-4', 'CDS down');
  const story = await publishedStory('Down');
  const [row] = await settled(story.id);
  expect(row).toMatchObject({ state: 'failed', attempts: 3 });
  expect(row!.reason).toMatch(/^Could not connect: ECONNREFUSED \(after 3 attempts\)$/);
  const desk = await app.request('GET', '/api/deliveries/failed', { token: editor });
  const failed = desk.body.items.find((d: { storyId: string }) => d.storyId === story.id);
  expect(failed).toMatchObject({ state: 'failed', destination: { id: destinationId, name: 'CDS down' } });
  expect(desk.body.total).toBeGreaterThanOrEqual(1);

  // A producer cannot resend; an editor can, once.
  const producer = (await app.signIn(['producer'])).token;
  expect((await app.request('POST', `/api/deliveries/${failed.id}/resend`, { token: producer, body: {} })).status).toBe(403);
  await cds.listen(port);
  const resent = await app.request('POST', `/api/deliveries/${failed.id}/resend`, { token: editor, body: {} });
  expect(resent.status).toBe(200);
  expect(resent.body.state).toBe('pending');
  expect((await app.request('POST', `/api/deliveries/${failed.id}/resend`, { token: editor, body: {} })).status).toBe(409);
  expect((await settled(story.id))[0]).toMatchObject({ state: 'sent', attempts: 1 });
  expect(cds.of(story.id).map((r) => r.method)).toEqual(['PUT']);
  const after = await app.request('GET', '/api/deliveries/failed', { token: editor });
  expect(after.body.items.some((d: { storyId: string }) => d.storyId === story.id)).toBe(false);
}, 60_000);

it('never lets an older version overwrite a newer one: a failing older PUT is superseded by the newer change', async () => {
  const cds = new FakeCds('cds-token-5');
  servers.push(cds);
  let firstVersion = 0;
  // The first version is refused until a newer one has been accepted; then everything is accepted.
  cds.answer = (r) => (r.version === firstVersion && !cds.received.some((x) => x.version > firstVersion) ? 503 : 200);
  await app.db.query(`UPDATE distribution_destinations SET enabled = false`);
  const created = await app.request('POST', '/api/distribution/destinations', {
    token: admin,
    body: { name: 'CDS ordering', kind: 'cds', url: await cds.listen(), token: 'cds-token-5' },
  });
  expect(created.status).toBe(201);
  const draft = await app.request('POST', '/api/stories', {
    token: editor,
    body: { headline: `Ordering ${Date.now()}`, bylineIds: [app.bylineId] },
  });
  firstVersion = 2;
  const published = await app.request('POST', `/api/stories/${draft.body.id}/publish`, { token: editor, body: { version: 1 } });
  expect(published.body.version).toBe(2);
  // Wait for the first refusal, then correct (version 3).
  for (let i = 0; i < 100; i++) {
    const [row] = await app.db.query(`SELECT attempts FROM distribution_deliveries WHERE story_id = $1`, [draft.body.id]);
    if (row?.attempts >= 1) break;
    await new Promise((done) => setTimeout(done, 20));
  }
  await app.request('POST', `/api/stories/${draft.body.id}/corrections`, { token: editor, body: { version: 2, text: 'Fixed.' } });
  const rows = await settled(draft.body.id);
  expect(rows.map((r) => [r.story_version, r.state])).toEqual([
    [2, 'superseded'],
    [3, 'sent'],
  ]);
  expect(cds.of(draft.body.id).map((r) => r.version)).toEqual([3]);
}, 60_000);

it('two API processes deliver each change exactly once', async () => {
  assertBuilt();
  // Its own database and an API without workers: only the two production processes deliver.
  const quiet = await startTestApp({ OUTBOX_WORKER: 'false' });
  try {
    const token = (await quiet.signIn(['editor'])).token;
    const chief = (await quiet.signIn(['admin'])).token;
    const settings = await quiet.request('GET', '/api/distribution/settings', { token: chief });
    await quiet.request('PUT', '/api/distribution/settings', {
      token: chief,
      body: { version: settings.body.version, cdsPrefix: 'kxyz', cdsServiceId: 's1234' },
    });
    const cds = new FakeCds('cds-token-6');
    servers.push(cds);
    const created = await quiet.request('POST', '/api/distribution/destinations', {
      token: chief,
      body: { name: 'CDS two processes', kind: 'cds', url: await cds.listen(), token: 'cds-token-6' },
    });
    expect(created.status).toBe(201);
    const env = { OUTBOX_WORKER: 'true', DELIVERY_POLL_MS: '20', DELIVERY_RETRY_BASE_MS: '100' };
    processes.push(
      ...(await Promise.all([startApiProcess(quiet.config.DATABASE_URL, env), startApiProcess(quiet.config.DATABASE_URL, env)])),
    );
    const stories = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const draft = await quiet.request('POST', '/api/stories', {
          token,
          body: { headline: `Twice? ${i} ${Date.now()}`, bylineIds: [quiet.bylineId] },
        });
        const published = await quiet.request('POST', `/api/stories/${draft.body.id}/publish`, { token, body: { version: 1 } });
        return published.body as { id: string; version: number };
      }),
    );
    for (let i = 0; i < 300; i++) {
      const [row] = await quiet.db.query(
        `SELECT count(*) FILTER (WHERE state = 'pending') AS pending, count(*) AS n FROM distribution_deliveries`,
      );
      if (Number(row.n) === 20 && Number(row.pending) === 0) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    await new Promise((done) => setTimeout(done, 500));
    for (const story of stories) expect(cds.of(story.id).map((r) => [r.method, r.version])).toEqual([['PUT', story.version]]);
    const states: Array<{ state: string; n: string }> = await quiet.db.query(
      `SELECT state, count(*) AS n FROM distribution_deliveries GROUP BY state`,
    );
    expect(states).toEqual([{ state: 'sent', n: '20' }]);
    const handledBy: Array<{ handled_by: string }> = await quiet.db.query(`SELECT DISTINCT handled_by FROM distribution_deliveries`);
    const pids = processes.slice(-2).map((p) => `pid ${p.child.pid}`);
    for (const row of handledBy) expect(pids).toContain(row.handled_by);
    console.log(`[figure] 20 publishes delivered by 2 processes: handled by ${handledBy.length} of them`);
    expect(cds.contractErrors).toEqual([]);
  } finally {
    await Promise.all(processes.splice(-2).map((p) => p.stop()));
    await quiet.close();
  }
}, 120_000);
