// Admin at scale (issue #16, item 2): the real admin (`next start` behind server/server.mjs) and
// the API (production build), both on the bench database, driven by Chromium (/usr/bin/chromium,
// through apps/admin's @playwright/test; no browser is downloaded). Per scenario `runs` repetitions:
// story list first page, a filtered page (status + tag), staff search (the API's Server-Timing of
// the same request the page makes, and navigation start -> rows painted), the 600-turn story's
// editor (navigation start on a link to turn 300 -> its text ready to type), 200 keystrokes into turn 300 (keydown ->
// next paint, each) and the autosave after them (bytes, server time).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startApi } from '../run/services.js';
import { editorRun, listPage } from './scenarios.js';
import { apiClient, listFilters, twoHourShow } from './setup.js';

const EMAIL = 'bench-admin@example.org';
const PASSWORD = 'bench-admin-password-1';

export const ADMIN_BUDGETS = { listServerMs: 300, interactiveMs: 1500, keyP95Ms: 50 };

/** p50 / p95 / max of a list of numbers (nearest rank). */
export function quantiles(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) };
}

/**
 * @param {{ root: string, url: string, stories: number, ports: { api: number, admin: number }, runs: number,
 *   queries: string[], log: (t: string) => void, cleanup: Array<() => Promise<void>> }} options
 */
export async function measureAdmin({ root, url, stories, ports, runs, queries, log, cleanup, beforeDir }) {
  const { spawnService, waitForHttp, childEnv } = await import(pathToFileURL(path.join(root, 'scripts/lib/proc.mjs')).href);
  const adminBase = `http://localhost:${ports.admin}`;
  const apiBase = `http://127.0.0.1:${ports.api}`;
  // BENCH_ADMIN_BEFORE: another build of the admin (e.g. the commit before a change), whose editor runs alternate with this one's.
  const beforeBase = beforeDir ? `http://localhost:${ports.before}` : null;
  for (const base of [adminBase, apiBase, ...(beforeBase ? [beforeBase] : [])]) {
    const answer = await fetch(base, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (answer) throw new Error(`${base} already answers: another server holds the port (set BENCH_ADMIN_PORTS=api,admin)`);
  }
  const api = await startApi({
    root,
    url,
    port: ports.api,
    cacheSeconds: 60,
    name: 'api-admin',
    extraEnv: {
      ADMIN_EMAIL: EMAIL,
      ADMIN_PASSWORD: PASSWORD,
      ADMIN_ORIGIN: [adminBase, ...(beforeBase ? [beforeBase] : [])].join(','),
      TRUST_PROXY: '127.0.0.1,::1',
    },
  });
  cleanup.push(() => api.stop());
  const startAdmin = async (name, dir, port) => {
    const service = spawnService(name, process.execPath, ['server/server.mjs', '-p', String(port), '-H', 'localhost'], {
      cwd: dir,
      env: childEnv({ NODE_ENV: 'production', API_URL: `http://localhost:${ports.api}`, NEXT_TELEMETRY_DISABLED: '1' }),
    });
    cleanup.push(() => service.stop());
    const ready = await waitForHttp(`http://localhost:${port}/login`, { service, timeoutMs: 60_000, accept: (s) => s === 200 });
    if (!ready.ok) throw new Error(`${name} did not start (built? pnpm turbo run build --filter=@newsdesk/admin): ${ready.reason}`);
    return service;
  };
  const admin = await startAdmin('admin', path.join(root, 'apps/admin'), ports.admin);
  const before = beforeDir ? await startAdmin('admin-before', beforeDir, ports.before) : null;

  const client = await apiClient(apiBase, EMAIL, PASSWORD);
  const show = await twoHourShow(client, url);
  const filters = await listFilters(url, stories);
  log(
    `600-turn story ${show.id} (${show.transcriptBytes.toLocaleString('en-US')} B of turns); tag filter: ${filters.tag} (${filters.tagStories} stories)`,
  );

  const require = createRequire(path.join(root, 'apps/admin/package.json'));
  const playwright = await import(pathToFileURL(require.resolve('@playwright/test')).href);
  const chromium = playwright.chromium ?? playwright.default.chromium;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  cleanup.push(() => browser.close());
  const context = await browser.newContext({ baseURL: adminBase, viewport: { width: 1280, height: 900 } });
  const login = await context.newPage();
  await login.goto('/login');
  await login.fill('#login-email', EMAIL);
  await login.fill('#login-password', PASSWORD);
  await Promise.all([login.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 }), login.click('button[type=submit]')]);
  await login.close();

  const lists = {
    'story list, first page': { query: '', api: '?limit=25' },
    'filtered: published + tag': { query: `?status=published&tag=${filters.tag}`, api: `?status=published&tag=${filters.tag}&limit=25` },
    'staff search': null,
  };
  /** @type {Record<string, { server: number[], painted: number[], ttfb: number[] }>} */
  const list = {};
  try {
    // Warm-up: one of each (the admin's first compile of a route, the API's first plans).
    await listPage(context, adminBase, '');
    for (const [name, spec] of Object.entries(lists)) {
      const samples = { server: [], painted: [], ttfb: [] };
      for (let i = 0; i < runs; i++) {
        const q = queries[i % queries.length] ?? 'minister';
        const { query, api: apiQuery } = spec ?? { query: `?q=${encodeURIComponent(q)}`, api: `?q=${encodeURIComponent(q)}&limit=25` };
        samples.server.push((await client.call('GET', `/api/stories${apiQuery}`)).serverMs);
        const page = await listPage(context, adminBase, query);
        if (!page.rows && spec) throw new Error(`${name}: no rows`);
        samples.painted.push(page.rowsPainted);
        samples.ttfb.push(page.ttfb);
      }
      list[name] = samples;
      log(
        `${name}: server p50 ${quantiles(samples.server).p50.toFixed(1)} ms, rows painted p50 ${quantiles(samples.painted).p50.toFixed(0)} ms`,
      );
    }
    const blank = () => ({ interactive: [], ttfb: [], openLongTaskMs: [], keys: [], autosave: [] });
    const editor = blank();
    const editorBefore = beforeBase ? blank() : null;
    const sides = /** @type {Array<[string, string, any]>} */ ([
      ['now', adminBase, editor],
      ...(beforeBase ? [['before', beforeBase, editorBefore]] : []),
    ]);
    for (let i = 0; i <= runs; i++) {
      // Before and now take turns (the order alternating), so drift on a shared machine hits both alike.
      for (const [side, base, into] of i % 2 ? [...sides].reverse() : sides) {
        await show.reset();
        const run = await editorRun(context, base, show.id);
        if (i === 0) continue; // warm-up
        into.interactive.push(run.interactive);
        into.ttfb.push(run.ttfb);
        into.openLongTaskMs.push(run.openLongTaskMs);
        into.keys.push(...run.keys);
        into.autosave.push(run.autosave);
        log(
          `editor run ${i} (${side}): interactive ${run.interactive.toFixed(0)} ms, keys p95 ${quantiles(run.keys).p95.toFixed(1)} ms, autosave ${run.autosave.requestBytes} B in ${run.autosave.serverMs} ms`,
        );
      }
    }
    await show.reset();
    return { stories, runs, show: { turns: show.turns, transcriptBytes: show.transcriptBytes }, filters, list, editor, editorBefore };
  } finally {
    await browser.close();
    await before?.stop();
    await admin.stop();
    await api.stop();
  }
}
