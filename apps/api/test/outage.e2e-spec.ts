import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { assertBuilt, startApiProcess, type ApiProcess } from './support/processes.js';

/**
 * PostgreSQL stopped and started again under load (issue #12, finding 8). The test starts its OWN
 * embedded PostgreSQL for this, whatever TEST_DATABASE_URL / DATABASE_URL say, so a shared server
 * (CI's) is never restarted; it runs the production build as a separate API process on it, and
 * counts every answer of public reads, staff reads and story saves before, during and after.
 */
interface EmbeddedServer {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}
interface PostgresLib {
  startEmbeddedPostgres(options: { dataDir: string; port?: number; persistent?: boolean }): Promise<EmbeddedServer>;
  ensureDatabase(adminUrl: string, name: string): Promise<string>;
}

const root = resolve(import.meta.dirname, '../../..');
const ADMIN = { email: 'outage-admin@test.newsdesk.local', password: 'outage-admin-password-1' };

type Kind = 'public-cached' | 'public-uncached' | 'staff-read' | 'save';
interface Sample {
  kind: Kind;
  path: string;
  phase: Phase;
  status: number;
  xCache: string | null;
  retryAfter: string | null;
  contentType: string | null;
  at: number;
}
type Phase = 'before' | 'down' | 'after';

let lib: PostgresLib;
let server: EmbeddedServer | undefined;
let dataDir: string;
let api: ApiProcess | undefined;
let databaseUrl: string;

beforeAll(async () => {
  assertBuilt();
  lib = await import(join(root, 'scripts/lib/postgres.mjs'));
  mkdirSync(join(root, '.data'), { recursive: true });
  dataDir = mkdtempSync(join(root, '.data/outage-postgres-'));
  server = await lib.startEmbeddedPostgres({ dataDir, persistent: true });
  databaseUrl = await lib.ensureDatabase(server.url, 'newsdesk_outage');
  api = await startApiProcess(databaseUrl, {
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'error',
    OUTBOX_WORKER: 'true',
  });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
const json = async (response: Response | null): Promise<any> => response!.json();

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Response | null> {
  try {
    return await fetch(api!.url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return null; // no answer at all: counted as status 0 (there must be none)
  }
}

it('answers 503 (never 500) while PostgreSQL is down, serves cached public pages stale, recovers without a restart, and leaves no partial save', async () => {
  const login = await json(await call('POST', '/api/auth/login', undefined, ADMIN));
  const token: string = login.token;
  const byline = await json(
    await call('POST', '/api/correspondents', token, { name: 'Otto Age', title: 'Correspondent', bureau: 'Berlin' }),
  );
  const created = await json(await call('POST', '/api/stories', token, { headline: 'Outage story', bylineIds: [byline.id] }));
  const published = await call('POST', `/api/stories/${created.id}/publish`, token, { version: 1 });
  expect(published!.status).toBe(200);
  const draft = await json(await call('POST', '/api/stories', token, { headline: 'Saved during the outage', bylineIds: [byline.id] }));
  const cachedPaths = [`/api/public/stories/${created.slug}`, '/api/public/stories'];

  const samples: Sample[] = [];
  let phase: Phase = 'before';
  let saving = true;
  let running = true;
  let uncached = 0;
  let knownVersion = 1;
  const markers: Array<{ headline: string; status: number }> = [];

  const record = (kind: Kind, path: string, response: Response | null) => {
    samples.push({
      kind,
      path,
      phase,
      status: response?.status ?? 0,
      at: Date.now(),
      xCache: response?.headers.get('x-cache') ?? null,
      retryAfter: response?.headers.get('retry-after') ?? null,
      contentType: response?.headers.get('content-type') ?? null,
    });
    return response;
  };
  const pause = () => new Promise((done) => setTimeout(done, 20));
  const loops = [
    (async () => {
      while (running) {
        for (const path of cachedPaths) await record('public-cached', path, await call('GET', path))?.arrayBuffer();
        await pause();
      }
    })(),
    (async () => {
      while (running) {
        // A page never asked for before: never in the cache, so it needs the database.
        const path = `/api/public/search?q=outage${uncached++}`;
        await record('public-uncached', path, await call('GET', path))?.arrayBuffer();
        await pause();
      }
    })(),
    (async () => {
      while (running) {
        await record('staff-read', '/api/stories', await call('GET', '/api/stories?limit=5', token))?.arrayBuffer();
        await pause();
      }
    })(),
    ...[0, 1].map(async (worker) => {
      for (let i = 0; running; i++) {
        if (!saving) {
          await pause();
          continue;
        }
        const headline = `Saved during the outage w${worker} #${i} ${Date.now()}`;
        const response = record(
          'save',
          draft.id,
          await call('PATCH', `/api/stories/${draft.id}`, token, { version: knownVersion, headline }),
        );
        // A 409 carries the current version; a 200 the new one.
        if (response?.status === 200 || response?.status === 409) {
          const answer = await json(response);
          knownVersion = response.status === 200 ? answer.version : answer.currentVersion;
        } else await response?.arrayBuffer();
        markers.push({ headline, status: response?.status ?? 0 });
        await pause();
      }
    }),
  ];

  const waitFor = async (ok: () => boolean, what: string, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > deadline) {
        running = false;
        const seen = samples.filter((s) => s.phase === phase).map((s) => `${s.kind} ${s.status} ${s.xCache ?? ''}`);
        throw new Error(
          `timed out waiting for ${what}; answers in phase ${phase}: ${JSON.stringify(seen.reduce<Record<string, number>>((all, key) => ({ ...all, [key]: (all[key] ?? 0) + 1 }), {}))}`,
        );
      }
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  const since = (t: number, kind: Kind, status: number) => samples.some((s) => s.at >= t && s.kind === kind && s.status === status);

  // Before: everything answers, and the public pages are served from the cache.
  const t0 = Date.now();
  await waitFor(
    () => (['public-cached', 'public-uncached', 'staff-read', 'save'] as Kind[]).every((k) => since(t0, k, 200)),
    'answers before the outage',
  );
  // Quiesce writes so that no save empties the cache right before the stop; then the cached pages are hits.
  saving = false;
  await new Promise((done) => setTimeout(done, 300));
  const warm = Date.now();
  await waitFor(
    () => cachedPaths.every((path) => samples.some((s) => s.at >= warm && s.path === path && s.xCache === 'hit')),
    'cache hits',
  );

  // Down: stop PostgreSQL (fast shutdown: sessions get 57P01) and keep the load on, saves included.
  phase = 'down';
  saving = true;
  await server!.stop();
  const downAt = Date.now();
  await waitFor(
    () => since(downAt, 'staff-read', 503) && since(downAt, 'save', 503) && since(downAt, 'public-uncached', 503),
    '503s during the outage',
  );
  // Liveness stays green; readiness (and /health, its compatible form) says the database is down.
  const live = await call('GET', '/health/live');
  expect(live!.status).toBe(200);
  const readiness = await call('GET', '/health/ready');
  expect(readiness!.status).toBe(503);
  expect(await json(readiness)).toMatchObject({
    status: 'error',
    db: 'down',
    checks: { database: { status: 'down' }, cacheListener: { status: 'down' } },
  });
  const compatible = await call('GET', '/health');
  expect(compatible!.status).toBe(503);
  expect(await json(compatible)).toMatchObject({ status: 'error', db: 'down' });
  await new Promise((done) => setTimeout(done, 2000));

  // Up again on the same data and port; the API is not restarted.
  server = await lib.startEmbeddedPostgres({ dataDir, port: server!.port, persistent: true });
  const upAt = Date.now();
  phase = 'after';
  await waitFor(() => (['public-uncached', 'staff-read', 'save'] as Kind[]).every((k) => since(upAt, k, 200)), 'recovery');
  const recovered = Math.max(
    ...(['public-uncached', 'staff-read', 'save'] as Kind[]).map(
      (k) => samples.find((s) => s.at >= upAt && s.kind === k && s.status === 200)!.at,
    ),
  );
  // Ready again (the cache listener has reconnected by itself), without restarting the API.
  let readyAt = 0;
  for (let i = 0; i < 300 && !readyAt; i++) {
    const probe = await call('GET', '/health/ready');
    await probe?.arrayBuffer();
    if (probe?.status === 200) readyAt = Date.now();
    else await new Promise((done) => setTimeout(done, 50));
  }
  expect(readyAt).toBeGreaterThan(0);
  // The cache listens again and caches again.
  const relisten = Date.now();
  await waitFor(
    () => since(relisten, 'public-cached', 200) && samples.some((s) => s.at >= relisten && s.xCache === 'hit'),
    'cache hits after recovery',
  );
  running = false;
  await Promise.all(loops);

  const count = (filter: (s: Sample) => boolean) => samples.filter(filter).length;
  const table = Object.fromEntries(
    (['before', 'down', 'after'] as Phase[]).map((p) => [
      p,
      Object.fromEntries(
        [...new Set(samples.filter((s) => s.phase === p).map((s) => `${s.kind} ${s.status}${s.xCache ? ` (${s.xCache})` : ''}`))]
          .sort()
          .map((key) => [key, count((s) => s.phase === p && `${s.kind} ${s.status}${s.xCache ? ` (${s.xCache})` : ''}` === key)]),
      ),
    ]),
  );
  console.log(
    `outage statuses: ${JSON.stringify(table, null, 1)}\nrecovery after PostgreSQL accepted connections again: ${recovered - upAt} ms (ready: ${readyAt - upAt} ms; outage ${upAt - downAt} ms, ${samples.length} requests)`,
  );

  // 0 answers in the 500s other than 503, and every request got an answer.
  expect(samples.filter((s) => s.status === 0 || (s.status >= 500 && s.status !== 503))).toEqual([]);
  // Every 503 is problem+json with Retry-After.
  const unavailable = samples.filter((s) => s.status === 503);
  expect(unavailable.length).toBeGreaterThan(0);
  expect(unavailable.every((s) => s.retryAfter === '5' && s.contentType?.startsWith('application/problem+json'))).toBe(true);
  // Cached public pages kept answering during the outage, marked stale once the database was found unreachable.
  const cachedDown = samples.filter((s) => s.phase === 'down' && s.kind === 'public-cached');
  expect(cachedDown.length).toBeGreaterThan(0);
  expect(cachedDown.filter((s) => s.status !== 200)).toEqual([]);
  expect(cachedDown.some((s) => s.xCache === 'stale-if-error')).toBe(true);
  // Before the outage, nothing failed.
  // Before the outage, nothing failed (two savers share one story: one of them may be told its version is stale).
  expect(samples.filter((s) => s.phase === 'before' && s.status !== 200 && !(s.kind === 'save' && s.status === 409))).toEqual([]);

  // No partial save: each save is wholly there (story version, revision, audit entry) or not at all.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const [story] = (await db.query(`SELECT version, headline FROM stories WHERE id = $1`, [draft.id])).rows;
    // Revisions are stored as deltas (docs/performance.md): each one's headline is read as the API rebuilds it.
    const numbered = (await db.query(`SELECT n, story_version FROM story_revisions WHERE story_id = $1 ORDER BY n`, [draft.id]))
      .rows as Array<{
      n: number;
      story_version: number;
    }>;
    const revisions: Array<{ story_version: number; headline: string }> = [];
    for (const { n, story_version } of numbered) {
      const revision = await json(await call('GET', `/api/stories/${draft.id}/revisions/${n}`, token));
      revisions.push({ story_version, headline: revision.snapshot.headline });
    }
    const audits = (await db.query(`SELECT diff FROM audit_entries WHERE entity = 'story' AND entity_id = $1 ORDER BY id`, [draft.id]))
      .rows;
    expect(revisions.map((r: { story_version: number }) => r.story_version)).toEqual(
      Array.from({ length: story.version }, (_, i) => i + 1),
    );
    expect(audits).toHaveLength(story.version);
    const auditText = audits.map((a: { diff: unknown }) => JSON.stringify(a.diff)).join('\n');
    const revised = new Set(revisions.map((r: { headline: string }) => r.headline));
    for (const marker of markers) {
      expect([marker.headline, revised.has(marker.headline)]).toEqual([marker.headline, auditText.includes(marker.headline)]);
      if (marker.status === 200) expect(revised.has(marker.headline)).toBe(true);
    }
    expect(markers.some((m) => m.status === 503)).toBe(true);

    // The outbox worker survived the outage: an event raised now is handled.
    const fresh = await json(await call('POST', '/api/stories', token, { headline: 'After the outage', bylineIds: [byline.id] }));
    expect((await call('POST', `/api/stories/${fresh.id}/publish`, token, { version: 1 }))!.status).toBe(200);
    let handled = 0;
    for (let i = 0; i < 300 && !handled; i++) {
      handled = (await db.query(`SELECT 1 FROM outbox_deliveries WHERE story_id = $1`, [fresh.id])).rowCount ?? 0;
      if (!handled) await new Promise((done) => setTimeout(done, 100));
    }
    expect(handled).toBe(1);
  } finally {
    await db.end();
  }
}, 120_000);
