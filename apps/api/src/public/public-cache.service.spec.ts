import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PublicCacheRepository } from './public-cache.repository.js';
import { loadConfig } from '../config.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import { cachedBody, type CachedBody } from './http-cache.js';
import { PublicCache } from './public-cache.service.js';

/** A cache that believes its listener is connected (the NOTIFY path is covered by test/public-cache.e2e-spec.ts). */
function listeningCache(seconds = 60): PublicCache {
  const config = loadConfig({ DATABASE_URL: 'postgres://unused/unused', PUBLIC_CACHE_SECONDS: String(seconds) });
  const cache = new PublicCache(config, {} as PublicCacheRepository, {} as OutboxService);
  Reflect.set(cache, 'listening', true);
  return cache;
}

interface Sent {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function exchange(): { request: FastifyRequest; reply: FastifyReply; sent: Sent } {
  const sent: Sent = { status: 200, body: undefined, headers: {} };
  const reply = {
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    status(code: number) {
      sent.status = code;
      return reply;
    },
    type(value: string) {
      sent.headers['Content-Type'] = value;
      return reply;
    },
    send(body?: unknown) {
      sent.body = body;
      return reply;
    },
  };
  return { request: { headers: {} } as FastifyRequest, reply: Object.assign(Object.create(null) as FastifyReply, reply), sent };
}

/** A producer that answers when told to, counting its calls. */
function gatedProducer() {
  let calls = 0;
  const releases: Array<() => void> = [];
  const produce = () => {
    calls++;
    const body = `{"n":${calls}}`;
    return new Promise<CachedBody | null>((resolve) => releases.push(() => resolve(cachedBody(body))));
  };
  return { produce, calls: () => calls, releaseAll: () => releases.splice(0).forEach((release) => release()) };
}

async function serve(cache: PublicCache, key: string, produce: () => Promise<CachedBody | null>) {
  const { request, reply, sent } = exchange();
  const found = await cache.respond(request, reply, key, 30, produce);
  return { found, ...sent };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PublicCache', () => {
  it('computes a key once for a burst of concurrent requests', async () => {
    const cache = listeningCache();
    const gate = gatedProducer();
    const burst = Array.from({ length: 50 }, () => serve(cache, '/latest', gate.produce));
    await tick();
    gate.releaseAll();
    const answers = await Promise.all(burst);
    expect(gate.calls()).toBe(1);
    expect(new Set(answers.map((answer) => answer.body))).toEqual(new Set(['{"n":1}']));
    expect((await serve(cache, '/latest', gate.produce)).headers['X-Cache']).toBe('hit');
    expect(gate.calls()).toBe(1);
  });

  it('serves an expired entry as stale while one background computation refreshes it', async () => {
    const realNow = Date.now;
    try {
      const cache = listeningCache(60);
      const gate = gatedProducer();
      const first = serve(cache, '/story', gate.produce);
      await tick();
      gate.releaseAll();
      await first;
      Date.now = () => realNow() + 61_000;

      // Nobody waits for the refresh, not even the request that started it.
      const answers = await Promise.all(Array.from({ length: 10 }, () => serve(cache, '/story', gate.produce)));
      expect(answers.map((answer) => answer.headers['X-Cache'])).toEqual(Array(10).fill('stale'));
      expect(answers.every((answer) => answer.body === '{"n":1}')).toBe(true);
      expect(gate.calls()).toBe(2);
      gate.releaseAll();
      await tick();
      const refreshed = await serve(cache, '/story', gate.produce);
      expect(refreshed.headers['X-Cache']).toBe('hit');
      expect(refreshed.body).toBe('{"n":2}');
      expect(gate.calls()).toBe(2);
    } finally {
      Date.now = realNow;
    }
  });

  it('refreshes a burst of expired entries a few at a time, serving the rest stale', async () => {
    const realNow = Date.now;
    try {
      const cache = listeningCache(60);
      const gate = gatedProducer();
      const keys = ['/a', '/b', '/c', '/d', '/e'];
      const filling = keys.map((key) => serve(cache, key, gate.produce));
      await tick();
      gate.releaseAll();
      await Promise.all(filling);
      expect(gate.calls()).toBe(5);
      Date.now = () => realNow() + 61_000;

      const answers = await Promise.all(keys.map((key) => serve(cache, key, gate.produce)));
      expect(answers.every((answer) => answer.headers['X-Cache'] === 'stale')).toBe(true);
      expect(gate.calls()).toBe(7);
      gate.releaseAll();
      await tick();
      // The next requests start the next refreshes.
      await Promise.all(keys.map((key) => serve(cache, key, gate.produce)));
      expect(gate.calls()).toBe(9);
    } finally {
      Date.now = realNow;
    }
  });

  it('never serves an answer past the instant it changes by itself (validUntil)', async () => {
    // A clock the test moves (a loaded machine may take longer than any real validity between two calls).
    const realNow = Date.now;
    let now = realNow();
    Date.now = () => now;
    try {
      const cache = listeningCache(60);
      let calls = 0;
      const produce = async () => ({ ...cachedBody(`{"n":${++calls}}`), validUntil: Date.now() + 30 });
      expect((await serve(cache, '/now-next', produce)).body).toBe('{"n":1}');
      now += 29;
      expect((await serve(cache, '/now-next', produce)).headers['X-Cache']).toBe('hit');
      now += 1;
      const after = await serve(cache, '/now-next', produce);
      expect(after.headers['X-Cache']).toBe('miss');
      expect(after.body).toBe('{"n":2}');
    } finally {
      Date.now = realNow;
    }
  });

  it('does not hand a computation started before an invalidation to a request after it', async () => {
    const cache = listeningCache();
    const gate = gatedProducer();
    const before = serve(cache, '/tag', gate.produce);
    await tick();
    cache.clear();
    const after = serve(cache, '/tag', gate.produce);
    await tick();
    gate.releaseAll();
    expect((await before).body).toBe('{"n":1}');
    expect((await after).body).toBe('{"n":2}');
    // Only the computation from after the invalidation was kept.
    expect((await serve(cache, '/tag', gate.produce)).body).toBe('{"n":2}');
  });

  it('does not share or keep anything when caching is off', async () => {
    const cache = listeningCache(0);
    let calls = 0;
    const produce = async () => cachedBody(`{"n":${++calls}}`);
    await Promise.all([serve(cache, '/x', produce), serve(cache, '/x', produce)]);
    await serve(cache, '/x', produce);
    expect(calls).toBe(3);
  });

  it('reports a missing answer without keeping it', async () => {
    const cache = listeningCache();
    let calls = 0;
    const produce = async () => {
      calls++;
      return null;
    };
    expect((await serve(cache, '/gone', produce)).found).toBe(false);
    expect((await serve(cache, '/gone', produce)).found).toBe(false);
    expect(calls).toBe(2);
  });
});
