import { startTestApp, type TestApp } from './support/app.js';

/**
 * Liveness and readiness (issue #12, finding 9): each readiness check going red, and back. The
 * database going down is in outage.e2e-spec.ts (it needs a server of its own to stop).
 * The outbox worker is off in this app, so a due event stays unhandled.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ OUTBOX_WORKER: 'false', OUTBOX_MAX_LAG_SECONDS: '1' });
});

afterAll(async () => {
  await app?.close();
});

const ready = () => app.request('GET', '/health/ready');

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`never saw ${what}`);
}

it('answers liveness and readiness with each check, and /health as readiness with its fixed fields', async () => {
  const live = await app.request('GET', '/health/live');
  expect(live.status).toBe(200);
  expect(live.body).toMatchObject({ status: 'ok' });
  expect(live.headers.get('cache-control')).toBe('no-store');
  const response = await ready();
  expect(response.status).toBe(200);
  expect(response.body).toEqual({
    status: 'ok',
    db: 'up',
    checks: {
      database: { status: 'up' },
      migrations: { status: 'up', pending: [] },
      outbox: { status: 'up', due: 0, lagSeconds: 0, maxLagSeconds: 1 },
      cacheListener: { status: 'up' },
    },
  });
  const compatible = await app.request('GET', '/health');
  expect(compatible.status).toBe(200);
  expect(compatible.body).toMatchObject({ status: 'ok', db: 'up' });
});

it('turns red while a due outbox event waits unhandled longer than OUTBOX_MAX_LAG_SECONDS, and green once it is handled', async () => {
  const { token } = await app.signIn(['editor']);
  const story = (
    await app.request('POST', '/api/stories', { token, body: { headline: `Lagging ${Date.now()}`, bylineIds: [app.bylineId] } })
  ).body;
  expect((await app.request('POST', `/api/stories/${story.id}/publish`, { token, body: { version: 1 } })).status).toBe(200);
  try {
    const red = await until(ready, (r) => r.status === 503, 'readiness red for outbox lag');
    expect(red.body.status).toBe('error');
    expect(red.body.db).toBe('up');
    expect(red.body.checks.outbox).toMatchObject({ status: 'down', due: 1, maxLagSeconds: 1 });
    expect(red.body.checks.outbox.lagSeconds).toBeGreaterThanOrEqual(1);
    expect(red.body.checks.outbox.detail).toContain('outbox worker');
    expect(red.body.checks.migrations.status).toBe('up');
    const compatible = await app.request('GET', '/health');
    expect(compatible.status).toBe(503);
    expect(compatible.body).toMatchObject({ status: 'error', db: 'up' });
    // Liveness does not care.
    expect((await app.request('GET', '/health/live')).status).toBe(200);
  } finally {
    // Handled (as a worker would complete it): green again.
    await app.db.query(
      `UPDATE pgboss.job SET state = 'completed', completed_on = now() WHERE name = 'story-events' AND data->>'storyId' = $1`,
      [story.id],
    );
  }
  expect((await ready()).status).toBe(200);
});

it('turns red when a migration this build knows is not applied', async () => {
  const [last]: Array<{ id: number; timestamp: string; name: string }> = await app.db.query(
    `SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1`,
  );
  await app.db.query(`DELETE FROM migrations WHERE id = $1`, [last!.id]);
  try {
    const red = await ready();
    expect(red.status).toBe(503);
    expect(red.body.checks.migrations).toMatchObject({ status: 'down', pending: [last!.name] });
    expect(red.body.db).toBe('up');
  } finally {
    await app.db.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last!.id, last!.timestamp, last!.name]);
  }
  expect((await ready()).status).toBe(200);
});

it('turns red while the public cache has lost its LISTEN connection, and green once it has reconnected by itself', async () => {
  // Cut the listener's connection from the server side, as a network cut or a failover would; it reconnects within a second.
  const red = await until(
    async () => {
      await app.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'newsdesk-cache-listener' AND datname = current_database()`,
      );
      await new Promise((done) => setTimeout(done, 20));
      return ready();
    },
    (r) => r.status === 503,
    'readiness red for the cache listener',
  );
  expect(red.body.checks.cacheListener.status).toBe('down');
  expect(red.body.checks.database.status).toBe('up');
  expect(red.body.db).toBe('up');
  const green = await until(ready, (r) => r.status === 200, 'readiness green again');
  expect(green.body.checks.cacheListener).toEqual({ status: 'up' });
});
