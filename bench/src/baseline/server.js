// The raw baseline: node:http + pg (Pool 10), one hand-written SQL statement per public endpoint,
// run as a named prepared statement (planned once per connection), its JSON text sent as it is.
// No framework, no validation beyond what routing needs, no ETag: the practical ceiling for a Node
// process answering the same requests from the same database.
//
//   BASELINE_DATABASE_URL=postgres://... BASELINE_PORT=4500 node bench/src/baseline/server.js
import http from 'node:http';
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORRESPONDENT, LATEST, NOW_NEXT, SEARCH, SEARCH_PREVIOUS, STORY, TAG } from './queries.js';

// The API's own functions (built by npm run bench) for what the API builds in Node: search snippets,
// and the schema.org JSON-LD of a story and of a correspondent, with the URLs of the API's own
// configuration (the same environment: PUBLIC_API_URL, the URL templates, the publisher).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = (/** @type {string} */ file) => import(pathToFileURL(path.join(root, 'apps/api/dist', file)).href);
const { searchPage } = await dist('public/search-page.js');
const { withStoryJsonLd, withPersonJsonLd } = await dist('public/structured-data.js');
const { publicLinks } = await dist('public/public-links.js');
const { loadConfig } = await dist('config.js');

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * @param {{ url: string, port: number, poolSize?: number }} options
 * @returns {Promise<{ server: http.Server, pool: pg.Pool, close: () => Promise<void> }>}
 */
export async function startBaseline({ url, port, poolSize = 10 }) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'newsdesk-bench-baseline' });
  const {
    rows: [{ exists }],
  } = await pool.query(`SELECT to_regclass('transcript_turns') IS NOT NULL AS exists`);
  const story = STORY(exists);
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  const links = publicLinks(config);
  /** @param {string | null} json @param {(body: string, links: unknown) => string} add */
  const withJsonLd = (json, add) => (json === null ? null : add(json, links));

  /** @param {string} name @param {string} text @param {unknown[]} values */
  const body = async (name, text, values) => (await pool.query({ name, text, values })).rows[0]?.body ?? null;
  const limitOf = (/** @type {URLSearchParams} */ query) => Math.min(100, Math.max(1, Number(query.get('limit')) || 20));

  /** @type {Array<[RegExp, (match: RegExpExecArray, query: URLSearchParams) => Promise<string | null>]>} */
  const routes = [
    [/^\/api\/public\/stories$/, (_, q) => body('latest', LATEST, [limitOf(q)])],
    [
      /^\/api\/public\/stories\/([a-z0-9-]{1,300})$/,
      async (m) => withJsonLd(await body('story', story, [m[1], config.PUBLIC_API_URL]), withStoryJsonLd),
    ],
    [/^\/api\/public\/tags\/([a-z0-9-]{1,300})$/, (m, q) => body('tag', TAG, [m[1], limitOf(q)])],
    [
      /^\/api\/public\/search$/,
      async (_, q) => {
        if (q.get('previous') === '1') return body('search-previous', SEARCH_PREVIOUS, [limitOf(q), q.get('q') ?? '']);
        const limit = limitOf(q);
        const { rows } = await pool.query({ name: 'search', text: SEARCH, values: [limit, q.get('q') ?? ''] });
        return searchPage(rows, limit);
      },
    ],
    [
      /^\/api\/public\/correspondents\/([a-z0-9-]{1,300})$/,
      async (m, q) => withJsonLd(await body('correspondent', CORRESPONDENT, [m[1], limitOf(q)]), withPersonJsonLd),
    ],
    [
      /^\/api\/public\/stations\/([A-Za-z0-9]{1,12})\/now-next$/,
      (m, q) => body('now-next', NOW_NEXT, [m[1].toUpperCase(), q.get('at') ? new Date(q.get('at') ?? '') : new Date()]),
    ],
  ];

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://baseline');
    try {
      for (const [pattern, handle] of routes) {
        const match = pattern.exec(url.pathname);
        if (!match) continue;
        const json = await handle(match, url.searchParams);
        if (json === null) break;
        response.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(json) });
        response.end(json);
        return;
      }
      response.writeHead(404, { 'Content-Type': JSON_TYPE });
      response.end('{"status":404}');
    } catch (error) {
      console.error(error);
      response.writeHead(500, { 'Content-Type': JSON_TYPE });
      response.end('{"status":500}');
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  return {
    server,
    pool,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(() => r(undefined)));
      await pool.end();
    },
  };
}

// As a process of its own (how the runner starts it: one process, like the API).
if (import.meta.url === `file://${process.argv[1]}`) {
  const baseline = await startBaseline({ url: process.env.BASELINE_DATABASE_URL ?? '', port: Number(process.env.BASELINE_PORT ?? 4500) });
  console.log(`baseline listening on http://127.0.0.1:${baseline.server.address()?.port}`);
  const stop = () => void baseline.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
