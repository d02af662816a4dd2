// Markdown tables of the results (printed, and written next to the JSON results).

const num = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';
const ms = (n) => (Number.isFinite(n) ? `${num(n, n < 10 ? 1 : 0)}` : '-');
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** @param {string[]} header @param {Array<Array<string | number>>} rows */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map((row) => line(row.map(String)))].join('\n');
}

/**
 * Mean of the rounds for one system and endpoint.
 * @param {Array<import('./load.js').LoadResult>} rounds
 */
export function summarize(rounds) {
  return {
    rps: mean(rounds.map((r) => r.rps)),
    p50: mean(rounds.map((r) => r.p50)),
    p99: mean(rounds.map((r) => r.p99)),
    failed: rounds.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/**
 * A comparison table: baseline vs one API variant, with the ratio (and its range over the rounds).
 * @param {Record<string, Record<string, Array<import('./load.js').LoadResult>>>} results endpoint -> system -> rounds
 * @param {string} system 'api' or 'api-cache'
 * @param {{ ratioTarget: number, p99Target: number, ratioTargets?: Record<string, number> }} targets
 */
export function comparisonTable(results, system, targets) {
  const rows = [];
  for (const [endpoint, bySystem] of Object.entries(results)) {
    const base = summarize(bySystem.baseline);
    const api = summarize(bySystem[system]);
    const ratios = bySystem[system].map((r, i) => r.rps / bySystem.baseline[i].rps);
    const ratio = api.rps / base.rps;
    const wanted = targets.ratioTargets?.[endpoint] ?? targets.ratioTarget;
    const ok = ratio >= wanted && api.p99 < targets.p99Target;
    rows.push([
      endpoint,
      num(base.rps),
      ms(base.p50),
      ms(base.p99),
      num(api.rps),
      ms(api.p50),
      ms(api.p99),
      `${num(ratio, 2)} (${num(Math.min(...ratios), 2)}-${num(Math.max(...ratios), 2)})`,
      `${ok ? 'yes' : 'no'} (>= ${wanted}x, p99 < ${targets.p99Target} ms)`,
      base.failed + api.failed ? `${base.failed + api.failed} failed` : '',
    ]);
  }
  const label = system === 'api' ? 'API' : 'API + cache';
  return markdownTable(
    [
      'endpoint',
      'baseline req/s',
      'p50 ms',
      'p99 ms',
      `${label} req/s`,
      'p50 ms',
      'p99 ms',
      `${label} / baseline (rounds)`,
      'target met',
      'errors',
    ],
    rows,
  );
}

/** @param {Record<string, Record<string, number>>} counts */
export function countTable(counts) {
  const columns = ['baseline', 'api', 'api 304', 'cache miss', 'cache hit', 'cache 304'];
  return markdownTable(
    ['endpoint', 'baseline', 'API', 'API 304 (no cache)', 'API + cache, miss', 'API + cache, hit', 'API + cache, 304'],
    Object.entries(counts).map(([endpoint, row]) => [endpoint, ...columns.map((c) => num(row[c], row[c] % 1 ? 2 : 0))]),
  );
}

/** @param {Record<string, Record<string, import('./load.js').LoadResult>>} revalidation endpoint -> system -> result */
export function revalidationTable(revalidation) {
  const rows = [];
  for (const [endpoint, bySystem] of Object.entries(revalidation)) {
    for (const [system, r] of Object.entries(bySystem)) {
      rows.push([
        endpoint,
        system,
        num(r.rps),
        ms(r.p50),
        ms(r.p99),
        Object.entries(r.statuses)
          .map(([k, v]) => `${k}: ${num(v)}`)
          .join(', '),
      ]);
    }
  }
  return markdownTable(['endpoint', 'system', 'req/s', 'p50 ms', 'p99 ms', 'answers'], rows);
}

/** @param {Array<{ stories: number, endpoint: string, p50: number, p95: number, p99: number, rps: number }>} growth */
export function growthTable(growth) {
  const endpoints = [...new Set(growth.map((g) => g.endpoint))];
  const sizes = [...new Set(growth.map((g) => g.stories))].sort((a, b) => a - b);
  const rows = endpoints.map((endpoint) => {
    const at = sizes.map((s) => growth.find((g) => g.endpoint === endpoint && g.stories === s));
    const factor = at.at(-1).p50 / at[0].p50;
    return [
      endpoint,
      ...at.map((g) => `${num(g.p50, 2)} ms (p95 ${num(g.p95, 1)}, p99 ${num(g.p99, 1)})`),
      `${num(factor, 2)}x for ${num(sizes.at(-1) / sizes[0])}x the stories`,
    ];
  });
  return markdownTable(
    ['endpoint (API, no cache, one request at a time)', ...sizes.map((s) => `p50 at ${num(s)} stories`), 'p50 growth'],
    rows,
  );
}

/**
 * The cost of one deep body and the read throughput left while 4 connections send them.
 * @param {{ cost: { requests: number, p50: number, p99: number, statuses: Record<string, number> }, normal: Array<import('./load.js').LoadResult>, attacked: Array<import('./load.js').LoadResult>, attackRequests: number, attackStatuses: Record<string, number> }} h
 */
export function hostileTable(h) {
  const normal = summarize(h.normal);
  const attacked = summarize(h.attacked);
  const ratios = h.normal.map((n, i) => h.attacked[i].rps / n.rps);
  const ratio = attacked.rps / normal.rps;
  return [
    markdownTable(
      ['measure', 'value', 'target'],
      [
        [
          'one depth-10,000 body, p50 / p99 (one connection, one at a time)',
          `${ms(h.cost.p50)} / ${ms(h.cost.p99)} ms (${num(h.cost.requests)} requests, ${JSON.stringify(h.cost.statuses)})`,
          `p50 < 20 ms ${h.cost.p50 < 20 ? 'met' : 'MISSED'}`,
        ],
        ['latest, normal', `${num(normal.rps)} req/s, p99 ${ms(normal.p99)} ms`, ''],
        [
          'latest, while 4 connections send deep bodies',
          `${num(attacked.rps)} req/s, p99 ${ms(attacked.p99)} ms (${num(h.attackRequests)} deep bodies sent, ${JSON.stringify(h.attackStatuses)})`,
          '',
        ],
        [
          'ratio (rounds)',
          `${num(ratio * 100)}% (${ratios.map((r) => `${num(r * 100)}%`).join(', ')})`,
          `>= 80% ${ratio >= 0.8 ? 'met' : 'MISSED'}`,
        ],
      ],
    ),
  ].join('\n');
}

/** The search tables of issue #16: concurrent throughput, one at a time, and agreement of the answers. */
export function searchTables(r) {
  const names = { previous: 'previous (baseline, ts_headline)', baseline: 'baseline now', api: 'API now' };
  const rows = Object.entries(r.concurrent).map(([system, rounds]) => {
    const s = summarize(rounds);
    const ratios = rounds.map((x, i) => x.rps / r.concurrent.previous[i].rps);
    const single = r.single[system];
    return [
      names[system],
      num(s.rps),
      ms(s.p50),
      ms(s.p99),
      system === 'previous'
        ? '1'
        : `${num(s.rps / summarize(r.concurrent.previous).rps, 2)} (${num(Math.min(...ratios), 2)}-${num(Math.max(...ratios), 2)})`,
      `${ms(single.p50)} / ${ms(single.p95)} / ${ms(single.p99)}`,
      s.failed ? `${s.failed} failed` : '',
    ];
  });
  const a = r.agreement;
  return [
    markdownTable(
      ['system', 'req/s (concurrent)', 'p50 ms', 'p99 ms', 'x previous (rounds)', 'one at a time p50 / p95 / p99 ms', 'errors'],
      rows,
    ),
    '',
    `Answers: ${a.sameOrder} of ${a.queries} queries return the same stories in the same order as the previous way; ${a.sameMarks} of ${a.items} snippets mark as many distinct words.`,
  ].join('\n');
}

/** The writes table (issue #16). */
export function writesTable(w) {
  const r = w.revisions;
  const statuses = (s) =>
    Object.entries(s.statuses)
      .map(([k, v]) => `${k}: ${num(v)}`)
      .join(', ');
  const rate409 = (s) => {
    const total = Object.values(s.statuses).reduce((a, b) => a + b, 0);
    return `${num((100 * (s.statuses['409'] ?? 0)) / total, 1)} %`;
  };
  return [
    markdownTable(
      ['revision of a 600-turn story, one word changed', 'bytes'],
      [
        ['before: a full snapshot per autosave, as stored (compressed jsonb, = a keyframe now)', num(r.keyframeBytes)],
        ['before: the same snapshot uncompressed (jsonb / JSON text)', `${num(r.previousBytes)} / ${num(r.previousRawBytes)}`],
        ['now: the delta stored per autosave (jsonb)', num(r.deltaBytes)],
        ['now: the whole revision row (delta, reason, fields, ids)', num(r.rowBytes)],
        [`now: table + indexes + TOAST growth per autosave (${r.autosaves} autosaves, ${r.deltas} deltas)`, num(r.relationGrowthPerSave)],
      ],
    ),
    '',
    markdownTable(
      ['writes (20 concurrent editors)', 'per second', 'p50 ms', 'p99 ms', '409 rate', 'answers'],
      [
        [
          'saves, 20 stories (one each)',
          num(w.distinct.perSecond),
          ms(w.distinct.p50),
          ms(w.distinct.p99),
          rate409(w.distinct),
          statuses(w.distinct),
        ],
        ['saves, one hot story', num(w.onHot.perSecond), ms(w.onHot.p50), ms(w.onHot.p99), rate409(w.onHot), statuses(w.onHot)],
        [
          'publish / unpublish, 20 stories',
          num(w.publishing.perSecond),
          ms(w.publishing.p50),
          ms(w.publishing.p99),
          rate409(w.publishing),
          statuses(w.publishing),
        ],
      ],
    ),
  ].join('\n');
}
