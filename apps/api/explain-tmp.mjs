import pg from 'pg';
const S = await import('./dist/public/public-stories.queries.js');
const P = await import('./dist/public/public-people.queries.js');
const c = new pg.Client('postgres://postgres@127.0.0.1:5432/' + process.argv[2]); await c.connect();
const one = async (sql) => (await c.query(sql)).rows[0];
const popular = (await one(`select t.slug from story_tags st join tags t on t.id=st.tag_id group by t.slug order by count(*) desc limit 1`)).slug;
const rare = (await one(`select t.slug from story_tags st join tags t on t.id=st.tag_id group by t.slug order by count(*) asc limit 1`)).slug;
const story = (await one(`select slug from stories where status='published' order by random() limit 1`)).slug;
const corr = (await one(`select slug from correspondents order by random() limit 1`)).slug;
const cases = [
  ['latest', (db) => S.latestStoriesJson(db, 20)],
  ['tag popular ' + popular, (db) => S.tagPageJson(db, popular, 20)],
  ['tag rare ' + rare, (db) => S.tagPageJson(db, rare, 20)],
  ['story', (db) => S.storyBySlugJson(db, story)],
  ['correspondent', (db) => P.publicCorrespondentJson(db, corr, 20, null)],
  ['search wildfire', (db) => S.searchJson(db, { q: 'wildfire', limit: 20 })],
  ['search "quoted name"', (db) => S.searchJson(db, { q: '"Maria Garcia"', limit: 20 })],
];
for (const [name, run] of cases) {
  let captured;
  await run({ driver: {}, query: async (text, values) => { captured = [text, values]; return [{ body: '{}' }]; } });
  const { rows } = await c.query('EXPLAIN (ANALYZE, BUFFERS) ' + captured[0], captured[1]);
  const plan = rows.map((r) => r['QUERY PLAN']);
  console.log(`\n== ${name}: ${plan.filter((l) => /Planning Time|Execution Time/.test(l)).join(', ')}`);
  if (process.argv[3]) console.log(plan.filter(l => /Scan|Join|Loop|Sort /.test(l)).slice(0, 14).join('\n'));
}
await c.end();
