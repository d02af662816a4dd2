import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Exact-time publishing with two API processes on one database: a story scheduled 2 s ahead
 * becomes visible at its time by the read query alone, and its outbox event is handled exactly
 * once even though one process is killed. Runs the production build (npm test builds first).
 */
const MAIN = resolve(import.meta.dirname, '../dist/main.js');

let app: TestApp;
let receiver: Server;
const deliveries: Array<{ id: string; type: string; storyId: string; at: number }> = [];
const processes: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function startApi(databaseUrl: string, webhook: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEBHOOK_URLS: webhook, OUTBOX_WORKER: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  processes.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { child, url };
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`API process on ${port} did not become healthy`);
}

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first (npm test does; or: pnpm --filter @newsdesk/api build)`);
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
  const running = processes.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(running.map((child) => new Promise((done) => child.once('exit', done))));
  await new Promise((done) => receiver?.close(done));
  await app?.close();
});

it('publishes at the scheduled second and handles the event once with one of two processes killed', async () => {
  const webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const [a, b] = await Promise.all([startApi(app.config.DATABASE_URL, webhook), startApi(app.config.DATABASE_URL, webhook)]);
  const { token } = await app.signIn(['editor']);
  const story = (await app.request('POST', '/api/stories', { token, body: { headline: `Two processes ${Date.now()}` } })).body;
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
