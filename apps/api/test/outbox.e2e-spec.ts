import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './support/app.js';
import { assertBuilt, startApiProcess, type ApiProcess } from './support/processes.js';

/**
 * Exact-time publishing with two API processes on one database: a story scheduled 2 s ahead
 * becomes visible at its time by the read query alone, and its outbox event is handled exactly
 * once even though one process is killed. Runs the production build (npm test builds first).
 */
let app: TestApp;
let receiver: Server;
const deliveries: Array<{ id: string; type: string; storyId: string; at: number }> = [];
const processes: ApiProcess[] = [];

beforeAll(async () => {
  assertBuilt();
  app = await startTestApp({ OUTBOX_WORKER: 'false' });
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const event = JSON.parse(body);
      deliveries.push({ id: String(request.headers['x-newsdesk-delivery']), type: event.type, storyId: event.storyId, at: Date.now() });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
});

afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop()));
  await new Promise((done) => receiver?.close(done));
  await app?.close();
});

it('publishes at the scheduled second and handles the event once with one of two processes killed', async () => {
  const webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const env = { WEBHOOK_URLS: webhook, OUTBOX_WORKER: 'true' };
  const [a, b] = await Promise.all([startApiProcess(app.config.DATABASE_URL, env), startApiProcess(app.config.DATABASE_URL, env)]);
  processes.push(a, b);
  const { token } = await app.signIn(['editor']);
  const story = (await app.request('POST', '/api/stories', { token, body: { headline: `Two processes ${Date.now()}`, bylineIds: [app.bylineId] } })).body;
  const publishAt = new Date(Date.now() + 2000);
  const scheduled = await app.request('POST', `/api/stories/${story.id}/publish`, { token, body: { version: 1, publishAt: publishAt.toISOString() } });
  expect(scheduled.body.status).toBe('scheduled');

  a.child.kill('SIGKILL');

  let visibleAt = 0;
  while (Date.now() < publishAt.getTime() + 3000) {
    const response = await fetch(`${b.url}/api/public/stories/${story.slug}`);
    if (response.status === 200) {
      visibleAt = Date.now();
      break;
    }
    expect(Date.now()).toBeLessThan(publishAt.getTime() + 50);
    await new Promise((done) => setTimeout(done, 25));
  }
  expect(visibleAt).toBeGreaterThanOrEqual(publishAt.getTime());
  expect(visibleAt - publishAt.getTime()).toBeLessThan(500);

  // The worker polls every 0.5 s; give redeliveries a chance to show up before counting.
  for (let i = 0; i < 100 && !deliveries.some((d) => d.storyId === story.id); i++) await new Promise((done) => setTimeout(done, 50));
  await new Promise((done) => setTimeout(done, 2500));
  const mine = deliveries.filter((d) => d.storyId === story.id);
  expect(mine.map((d) => d.type)).toEqual(['story.published']);
  expect(mine[0]!.at).toBeGreaterThanOrEqual(publishAt.getTime());
  const ledger: Array<{ handled_by: string }> = await app.db.query(`SELECT handled_by FROM outbox_deliveries WHERE story_id = $1`, [story.id]);
  expect(ledger).toHaveLength(1);
  expect(ledger[0]!.handled_by).toBe(`pid ${b.child.pid}`);
}, 60_000);
