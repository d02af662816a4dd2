// `--admin` / `--admin-only` of `npm run bench`: the admin measurement on the bench database
// (see index.js), its table, and its results saved next to the others.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureAdmin } from './index.js';
import { adminTable } from './report.js';

export const ADMIN_USAGE = `  --admin            also measure the admin (Chromium, next start) on the bench database; --admin-only: only that
  --admin-runs N     repetitions per admin scenario (default 10); BENCH_ADMIN_BEFORE=<dir of another apps/admin
                     build>: its editor runs alternate with this one's (before/after in one run)`;

export const ADMIN_OPTIONS = {
  admin: { type: 'boolean' },
  'admin-only': { type: 'boolean' },
  'admin-runs': { type: 'string' },
};

/** The heading and table of the admin measurement, with the load average it ran under. */
export function renderAdmin(r) {
  return [
    `### Admin at scale: ${r.stories.toLocaleString('en-US')} stories, ${r.runs} runs per scenario (Chromium, next start, API production build)`,
    '',
    `Load average before / after: ${r.loadBefore} / ${r.loadAfter}. Filtered page: status published and a tag on ${r.filters.tagStories} stories; staff search: ${r.runs} queries of the read mix; editor: ${r.show.turns} turns (${r.show.transcriptBytes.toLocaleString('en-US')} B).`,
    '',
    adminTable(r),
    '',
  ].join('\n');
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * @param {{ root: string, url: string, stories: number, portOf: (i: number) => number | undefined, findFreePort: () => Promise<number>,
 *   runs: number, searchPaths: string[], info: (t: string) => void, step: (t: string) => void, cleanup: Array<() => Promise<void>>, save: boolean }} o
 */
export async function runAdmin({ root, url, stories, portOf, findFreePort, runs, searchPaths, info, step, cleanup, save }) {
  step(`admin at scale: list, filter, search, the 600-turn editor, typing and autosave (${runs} runs each, Chromium)`);
  // BENCH_ADMIN_PORTS=api,admin names them; else BENCH_PORT_BASE + 8 and + 9; else free ones.
  const [apiPort, adminPort] = (process.env.BENCH_ADMIN_PORTS ?? '').split(',').map(Number);
  const ports = {
    api: apiPort || (portOf(8) ?? (await findFreePort())),
    admin: adminPort || (portOf(9) ?? (await findFreePort())),
    before: Number(process.env.BENCH_ADMIN_BEFORE_PORT) || (portOf(10) ?? (await findFreePort())),
  };
  const queries = searchPaths.map((p) => new URL(p, 'http://x').searchParams.get('q') ?? '').filter(Boolean);
  const loadBefore = load();
  const beforeDir = process.env.BENCH_ADMIN_BEFORE ? path.resolve(process.env.BENCH_ADMIN_BEFORE) : undefined;
  const result = await measureAdmin({ root, url, stories, ports, runs, queries, log: info, cleanup, beforeDir });
  const r = { ...result, loadBefore, loadAfter: load(), when: new Date().toISOString() };
  if (save) {
    const dir = path.join(root, '.data', 'bench');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `admin-${stories}.json`), JSON.stringify(r, null, 2));
    await writeFile(path.join(dir, `admin-${stories}.md`), renderAdmin(r));
    info(`saved .data/bench/admin-${stories}.{md,json}`);
  }
  return r;
}
