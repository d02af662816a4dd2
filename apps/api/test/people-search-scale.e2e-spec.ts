import { sortName, personSearchKeys } from '../src/people/person-names.js';
import { PEOPLE_SEARCH_SQL, peopleSearchParams } from '../src/people/people.service.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * "Fast at 100,000 people": a registry of PEOPLE_SCALE (default 100,000) generated people with
 * the real search keys; every search must be an index range scan (no sequential scan of the keys)
 * and answer quickly over HTTP. Timings are printed for the record.
 */
const SCALE = Number(process.env.PEOPLE_SCALE ?? 100_000);

let app: TestApp;
let editor: string;
beforeAll(async () => {
  app = await startTestApp();
  editor = (await app.signIn(['editor'])).token;
  await generatePeople(app, SCALE);
  // Real names among them, for exact and alias hits.
  await app.request('POST', '/api/people', { token: editor, body: { displayName: 'Sergey Lavrov', aliases: ['Sergei Lavrov'] } });
  await app.request('POST', '/api/people', { token: editor, body: { displayName: 'Anna Kolovich' } });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

/** Deterministic pseudo-random names: syllables for given and family names, some with aliases. */
async function generatePeople(app: TestApp, count: number): Promise<void> {
  let state = 42;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ser',
    'gey',
    'va',
    'dim',
    'an',
    'na',
    'to',
    'rov',
    'ski',
    'li',
    'ne',
    'vich',
    'ma',
    'ria',
    'jo',
    'han',
    'el',
    'sa',
    'bri',
    'do',
    'nov',
    'ber',
    'tin',
    'ko',
    'za',
    'pu',
    'as',
    'sad',
    'trum',
    'ped',
    'ro',
    'gar',
    'cia',
  ];
  const word = (parts: number) => {
    let text = '';
    for (let i = 0; i < parts; i++) text += syllables[Math.floor(random() * syllables.length)];
    return text[0]!.toUpperCase() + text.slice(1);
  };
  const batch = 10_000;
  for (let start = 0; start < count; start += batch) {
    const people = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const givenName = word(2);
      const familyName = word(2 + Math.floor(random() * 2));
      const aliases = random() < 0.2 ? [`${givenName.replace(/ey$/, 'ei')} ${familyName.replace(/ov$/, 'off')}`] : [];
      people.push({ slug: `generated-${i}`, displayName: `${givenName} ${familyName}`, givenName, familyName, aliases });
    }
    const ids: Array<{ id: string }> = await app.db.query(
      `INSERT INTO people (slug, display_name, given_name, family_name, aliases, sort_name)
       SELECT slug, display_name, given_name, family_name, CASE WHEN alias IS NULL THEN '{}'::text[] ELSE ARRAY[alias] END, sort_name
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(slug, display_name, given_name, family_name, alias, sort_name)
       RETURNING id`,
      [
        people.map((p) => p.slug),
        people.map((p) => p.displayName),
        people.map((p) => p.givenName),
        people.map((p) => p.familyName),
        people.map((p) => p.aliases[0] ?? null),
        people.map((p) => sortName(p)),
      ],
    );
    const keys = people.flatMap((person, i) => personSearchKeys(person).map((key) => ({ ...key, id: ids[i]!.id })));
    await app.db.query(
      `INSERT INTO person_search_keys (person_id, name_key, tier) SELECT * FROM unnest($1::uuid[], $2::text[], $3::smallint[])`,
      [keys.map((k) => k.id), keys.map((k) => k.key), keys.map((k) => k.tier)],
    );
  }
  await app.db.query('ANALYZE people');
  await app.db.query('ANALYZE person_search_keys');
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

const QUERIES = ['k', 'ma', 'serg', 'kalo', 'rovski', 'sergei lav', 'zzzz', 'Anna Kolovich'];

describe(`people search at ${SCALE.toLocaleString('en-US')} people`, () => {
  it('plans every search as index range scans, never a sequential scan of the keys', async () => {
    const [{ people, keys }] = await app.db.query(
      `SELECT count(*)::int AS people, (SELECT count(*) FROM person_search_keys)::int AS keys FROM people`,
    );
    expect(people).toBeGreaterThanOrEqual(SCALE);
    const lines: string[] = [];
    for (const q of QUERIES) {
      const [{ 'QUERY PLAN': plan }] = await app.db.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${PEOPLE_SEARCH_SQL}`,
        peopleSearchParams(q, 20, null),
      );
      const scans = nodes(plan[0].Plan).filter((node) => node['Relation Name'] === 'person_search_keys');
      expect(scans).toHaveLength(3);
      for (const scan of scans) {
        // An index scan over the prefix's range (stopping at the LIMIT), or, when the planner expects
        // few keys in the range, a bitmap scan of that same range.
        expect(['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']).toContain(scan['Node Type']);
        const range =
          scan['Node Type'] === 'Bitmap Heap Scan' ? nodes(scan).find((node) => node['Node Type'] === 'Bitmap Index Scan') : scan;
        expect(String(range?.['Index Cond'])).toMatch(/name_key >= .* AND .*name_key < /);
      }
      const indexes = [
        ...new Set(
          scans.flatMap((scan) =>
            nodes(scan)
              .map((node) => node['Index Name'])
              .filter(Boolean),
          ),
        ),
      ].join(', ');
      const keysRead = scans.reduce((sum, scan) => sum + Number(scan['Actual Rows']) + Number(scan['Rows Removed by Filter'] ?? 0), 0);
      lines.push(
        `  q=${JSON.stringify(q).padEnd(16)} execution ${plan[0]['Execution Time'].toFixed(2)} ms, planning ${plan[0]['Planning Time'].toFixed(2)} ms, ${keysRead} keys read via ${indexes}`,
      );
    }
    process.stdout.write(
      `EXPLAIN ANALYZE of GET /api/people?q= at ${people.toLocaleString('en-US')} people (${keys.toLocaleString('en-US')} search keys):\n${lines.join('\n')}\n`,
    );
  });

  it('answers over HTTP, ranked (times printed, not asserted)', async () => {
    const timings: string[] = [];
    for (const q of QUERIES) {
      const samples: number[] = [];
      for (let i = 0; i < 15; i++) {
        const started = performance.now();
        const response = await app.request('GET', `/api/people?q=${encodeURIComponent(q)}&limit=20`, { token: editor });
        samples.push(performance.now() - started);
        expect(response.status).toBe(200);
      }
      samples.sort((a, b) => a - b);
      const median = samples[Math.floor(samples.length / 2)]!;
      timings.push(`  q=${JSON.stringify(q).padEnd(16)} median ${median.toFixed(1)} ms, max ${samples.at(-1)!.toFixed(1)} ms`);
    }
    process.stdout.write(`GET /api/people?q= over HTTP (15 runs each, incl. auth):\n${timings.join('\n')}\n`);
    const alias = await app.request('GET', '/api/people?q=sergei%20lav&limit=5', { token: editor });
    expect(alias.body.items[0].displayName).toBe('Sergey Lavrov');
    const exact = await app.request('GET', '/api/people?q=anna%20kolovich&limit=5', { token: editor });
    expect(exact.body.items[0].displayName).toBe('Anna Kolovich');
    const top = await app.request('GET', '/api/people?q=serg&limit=5', { token: editor });
    expect(top.body.items).toHaveLength(5);
    for (const person of top.body.items) expect(person.displayName.toLowerCase()).toMatch(/^serg|[ -]serg/);
  });
});
