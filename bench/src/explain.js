// EXPLAIN ANALYZE of the API's public statements on a generated database: the most and the least
// used tag, a random story and correspondent, latest stories, and two searches.
//
//   node bench/src/explain.js postgres://.../newsdesk_bench_100000 [--plans]
//
// The statements are the API's own (apps/api/dist, built by npm run bench), captured through a
// stand-in for TypeORM's DataSource and explained with their parameters.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const api = (file) => import(pathToFileURL(path.join(root, 'apps/api/dist/public', file)).href);
const [url, flag] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/src/explain.js <database url> [--plans]');
  process.exit(2);
}
const { PublicStoriesRepository } = await api('public-stories.repository.js');
const { PublicPeopleRepository } = await api('public-people.repository.js');
const { loadConfig } = await import(pathToFileURL(path.join(root, 'apps/api/dist/config.js')).href);
const client = new pg.Client({ connectionString: url });
await client.connect();
const one = async (sql) => (await client.query(sql)).rows[0];
const byUse = `SELECT t.slug, count(*) AS n FROM story_tags st JOIN tags t ON t.id = st.tag_id GROUP BY t.slug`;
const popular = await one(`${byUse} ORDER BY n DESC LIMIT 1`);
const rare = await one(`${byUse} ORDER BY n LIMIT 1`);
const { slug: story } = await one(`SELECT slug FROM stories WHERE status = 'published' ORDER BY random() LIMIT 1`);
const { slug: correspondent } = await one(`SELECT slug FROM correspondents WHERE status = 'published' ORDER BY random() LIMIT 1`);
const config = loadConfig({ DATABASE_URL: url });
const stories = (db) => new PublicStoriesRepository(db, config);
const people = (db) => new PublicPeopleRepository(db, config);
const cases = [
  ['latest stories', (db) => stories(db).latest(20)],
  [`tag page, most used tag (${popular.n} stories)`, (db) => stories(db).tagPage(popular.slug, 20)],
  [`tag page, least used tag (${rare.n} stories)`, (db) => stories(db).tagPage(rare.slug, 20)],
  ['story by slug', (db) => stories(db).bySlug(story)],
  ['correspondent page', (db) => people(db).correspondent(correspondent, 20, null)],
  ['search "wildfire"', (db) => stories(db).search({ q: 'wildfire', limit: 20 })],
  ['search, a quoted name', (db) => stories(db).search({ q: '"Maria Garcia"', limit: 20 })],
];
for (const [name, run] of cases) {
  let captured = null;
  await run({
    driver: {},
    query: async (text, values) => {
      captured = { text, values };
      return [{ body: '{}' }];
    },
  });
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured.text}`, captured.values);
  const plan = rows.map((r) => r['QUERY PLAN']);
  console.log(`${name}: ${plan.filter((line) => /Planning Time|Execution Time/.test(line)).join(', ')}`);
  if (flag === '--plans') console.log(`${plan.join('\n')}\n`);
}
await client.end();
