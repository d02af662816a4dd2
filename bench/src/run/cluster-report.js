// Markdown tables of the two-process measurements and the publish storm (cluster.js).
import { markdownTable, summarize } from './report.js';
import { PATHS } from './visibility.js';

const num = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';
const ms = (n) => (Number.isFinite(n) ? num(n, n < 10 ? 1 : 0) : '-');

/** Public reads on one process vs two, per endpoint and cache mode. */
export function twoProcessTable(results) {
  const rows = [];
  for (const [endpoint, byMode] of Object.entries(results)) {
    for (const [mode, { one, two }] of Object.entries(byMode)) {
      const a = summarize(one);
      const b = summarize(two);
      const ratios = two.map((r, i) => r.rps / one[i].rps);
      rows.push([
        endpoint,
        mode,
        num(a.rps),
        ms(a.p99),
        num(b.rps),
        ms(b.p99),
        `${num(b.rps / a.rps, 2)} (${num(Math.min(...ratios), 2)}-${num(Math.max(...ratios), 2)})`,
        a.failed + b.failed ? `${a.failed + b.failed} failed` : '',
      ]);
    }
  }
  return markdownTable(['endpoint', 'cache', '1 process req/s', 'p99 ms', '2 processes req/s', 'p99 ms', '2 / 1 (rounds)', 'errors'], rows);
}

/** The cross-process invalidation lag. */
export function lagTable(l) {
  return markdownTable(
    ['measure', 'value'],
    [
      ['updates (PATCH on process A, B polled without pause until it serves the new teaser)', num(l.updates)],
      ['B held the story in its cache before the update', `${num(l.cachedBefore)} of ${num(l.updates)}`],
      ['lag after A answered (the commit is before that): p50 / p99 / max ms', `${ms(l.p50)} / ${ms(l.p99)} / ${ms(l.max)}`],
      ['from sending the PATCH: p50 / p99 ms', `${ms(l.fromRequestP50)} / ${ms(l.fromRequestP99)}`],
      ['answers of B still old after A answered (all updates)', num(l.staleAnswers)],
    ],
  );
}

/** The publish storm: readers before vs after the second, visibility per path, the outbox, exactly once. */
export function stormTables(s) {
  const c = s.checks;
  const load = (w) => `${num(w.load.rps)} req/s, p50 ${ms(w.load.p50)} ms, p99 ${ms(w.load.p99)} ms`;
  const failed = (w) => w.load.non2xx + w.load.errors + w.load.timeouts;
  const visibility = PATHS.map((p) => {
    const before = s.control.visibility.stats[p];
    const after = s.storm.visibility.stats[p];
    return [
      p,
      s.storm.visibility.allSeen[p] === null ? 'not all seen' : `${num(s.storm.visibility.allSeen[p])} ms`,
      `${num(after.stale)} of ${num(after.answers)}`,
      `${num(before.leaks)} of ${num(before.answers)}`,
      num(before.errors + after.errors),
    ];
  });
  const jobs = Object.entries(c.jobs)
    .map(([k, v]) => `${k} ${num(v)}`)
    .join(', ');
  const ok = (good) => (good ? 'yes' : 'NO');
  return [
    markdownTable(
      [
        'readers (50 connections over both processes, every endpoint in equal shares)',
        'control: before the second',
        'storm: from the second',
      ],
      [
        ['load', load(s.control), load(s.storm)],
        ['failed answers', num(failed(s.control)), num(failed(s.storm))],
        ['cache invalidations announced (each empties every process cache)', num(s.control.notices), num(s.storm.notices)],
        ['p99 storm / control', '', num(s.storm.load.p99 / s.control.load.p99, 2)],
      ],
    ),
    '',
    `${num(s.count)} stories created in ${num(s.createMs / 1000, 1)} s and scheduled through the API in ${num(s.scheduleMs / 1000, 1)} s for ${s.publishAt}; visibility checked in passes over both processes: one before the second (leaks), then from it until every path of both showed all (${s.storm.visibility.passes} passes, part of the storm window's load).`,
    '',
    markdownTable(
      [
        'public path (both processes)',
        'all seen by (end of the first complete pass, from the second)',
        'stale answers: request started after the second, a story missing',
        'leaks: answer before the second showing one',
        '5xx',
      ],
      visibility,
    ),
    '',
    markdownTable(
      ['outbox', 'value', 'check'],
      [
        ['first / last story.published handled, from the second', `${ms(s.drain.firstMs)} / ${ms(s.drain.drainMs)} ms`, ''],
        ['drain rate', `${num(s.drain.perSecond)} events/s`, ''],
        [
          'ledger rows (outbox_deliveries, story.published)',
          `${num(c.ledgerRows)} for ${num(c.ledgerStories)} stories`,
          ok(c.ledgerRows === s.count && c.ledgerStories === s.count),
        ],
        ['stories handled more than once', num(c.duplicated), ok(c.duplicated === 0)],
        [
          'handled by',
          Object.entries(c.byProcess)
            .map(([k, v]) => `${k}: ${num(v)}`)
            .join(', '),
          ok(Object.keys(c.byProcess).length >= 1),
        ],
        ['pg-boss jobs (story.published of these stories)', `${jobs}; retries ${num(c.retries)}`, ok(c.jobs.completed === s.count)],
        [
          'webhooks received',
          `${num(c.webhooks)} (${num(c.webhookIds)} distinct delivery ids, ${num(c.webhookStories)} stories)`,
          ok(c.webhooks === s.count && c.webhookIds === s.count),
        ],
      ],
    ),
  ].join('\n');
}

/** True when the storm's correctness checks all hold (the CLI fails the run otherwise). */
export function stormHolds(s) {
  const c = s.checks;
  const stale = PATHS.reduce((n, p) => n + s.storm.visibility.stats[p].stale + s.control.visibility.stats[p].leaks, 0);
  return (
    c.ledgerRows === s.count &&
    c.ledgerStories === s.count &&
    c.duplicated === 0 &&
    c.jobs.completed === s.count &&
    c.webhooks === s.count &&
    c.webhookIds === s.count &&
    stale === 0 &&
    PATHS.every((p) => s.storm.visibility.allSeen[p] !== null)
  );
}

/** The two-process and publish-storm tables (run/cluster.js). */
export function renderCluster(c) {
  if (!c) return '';
  return [
    ...(c.twoProcesses
      ? ['### Public reads: 2 API processes vs 1 (connections spread round-robin over both)', '', twoProcessTable(c.twoProcesses), '']
      : []),
    ...(c.lag ? ['### Cache invalidation across processes (update on A, read on B)', '', lagTable(c.lag), ''] : []),
    ...(c.storm
      ? [
          `### Publish storm: ${c.storm.count.toLocaleString('en-US')} stories scheduled for one second, 2 API processes`,
          '',
          stormTables(c.storm),
          '',
        ]
      : []),
  ].join('\n');
}
