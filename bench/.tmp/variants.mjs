import pg from 'pg';
import { requestMix } from '../src/run/sample.js';
import { SEARCH, SEARCH_PREVIOUS } from '../src/baseline/queries.js';
const url = process.argv[2];
const mix = await requestMix(url, { hotStories: 100 });
const queries = mix.paths.search.map((p) => decodeURIComponent(p.split('q=')[1]));
const client = new pg.Client({ connectionString: url });
await client.connect();
const variants = {
  previous: SEARCH_PREVIOUS,
  now: SEARCH,
  headBool: SEARCH.replace('ORDER BY ts_rank_cd(s.search_head, q.query) DESC', 'ORDER BY (s.search_head @@ q.query) DESC'),
  rank100: SEARCH.replace('LIMIT 200)', 'LIMIT 100)'),
  noTexts: SEARCH.replace(/,\n  \(SELECT json_agg\(left[\s\S]*AS texts/, ''),
  stringAgg: SEARCH.replace("(SELECT json_agg(left(", "(SELECT string_agg(left(").replace(", 30000) ORDER BY p.rank DESC", ", 30000), chr(1) ORDER BY p.rank DESC"),
  arrayAgg: SEARCH.replace("(SELECT json_agg(left(", "(SELECT array_agg(left("),
  lowerCost: SEARCH.replace("(SELECT json_agg(left(s.headline || E'\\n' || s.teaser || E'\\n' || s.body_text || E'\\n' || s.transcript_text, 30000) ORDER BY p.rank DESC, p.id DESC)", "(SELECT sum(strpos(lower(s.body_text || s.transcript_text), 'wildfir'))"),
  lenCost: SEARCH.replace("(SELECT json_agg(left(s.headline || E'\\n' || s.teaser || E'\\n' || s.body_text || E'\\n' || s.transcript_text, 30000) ORDER BY p.rank DESC, p.id DESC)", "(SELECT sum(length(s.body_text) + length(s.transcript_text))"),
  caseHead: SEARCH.replace(", 30000) ORDER BY p.rank DESC", ", CASE WHEN s.search_head @@ (SELECT query FROM q) THEN 2000 ELSE 30000 END) ORDER BY p.rank DESC"),
  prefix2k: SEARCH.replace(", 30000) ORDER BY p.rank DESC", ", 2000) ORDER BY p.rank DESC"),
  headOnly: SEARCH.replace("left(s.headline || E'\\n' || s.teaser || E'\\n' || s.body_text || E'\\n' || s.transcript_text, 30000)", "s.headline"),
  bodyNoLeft: SEARCH.replace("left(s.headline || E'\\n' || s.teaser || E'\\n' || s.body_text || E'\\n' || s.transcript_text, 30000)", "s.body_text"),
  rankOnly: `WITH q AS (SELECT websearch_to_tsquery('english', $2) AS query)
    SELECT s.id FROM stories s, q WHERE s.search @@ q.query AND s.status IN ('published','scheduled') AND s.published_at <= now()
     ORDER BY ts_rank_cd(s.search_head, q.query) DESC, s.published_at DESC, s.id DESC LIMIT 200 + $1 - $1`,
  matchOnly: `WITH q AS (SELECT websearch_to_tsquery('english', $2) AS query)
    SELECT count(*) + $1 FROM stories s, q WHERE s.search @@ q.query AND s.status IN ('published','scheduled') AND s.published_at <= now()`,
};
const only = process.argv[3]?.split(',');
for (const [name, text] of Object.entries(variants)) {
  if (only && !only.includes(name)) continue;
  const times = [];
  for (let rep = 0; rep < 3; rep++) {
    let total = 0;
    for (const q of queries) {
      const t = process.hrtime.bigint();
      await client.query({ name, text, values: [20, q] });
      total += Number(process.hrtime.bigint() - t) / 1e6;
    }
    times.push(total / queries.length);
  }
  console.log(name.padEnd(10), times.map((t) => t.toFixed(2)).join(' '), 'ms per query (3 passes)');
}
await client.end();
