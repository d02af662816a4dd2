import { startTestApp, type TestApp } from './support/app.js';
import { word } from './support/desk.js';

/**
 * A relevance check set for public search (issue #16: speed must not buy worse answers): a corpus
 * built so that the right answer is known (a word in a headline beats it in a teaser, which beats
 * it in the body or a transcript; both words beat one; a quoted phrase needs the words adjacent; a
 * negated word excludes), 20 queries with their expected top results, and each top result's
 * snippet marking the query's words. The words are unique to the run, so nothing else matches.
 * (`npm run bench` also checks, on the generated newsroom, that all 200 queries of its mix return
 * the same stories in the same order as the previous implementation.)
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ OUTBOX_WORKER: 'false', PUBLIC_CACHE_SECONDS: '0' });
});
afterAll(async () => {
  await app?.close();
});

const FILLER = 'The council met on Tuesday and the report was published after a long debate about the budget and the river.';
const topics = Array.from({ length: 10 }, () => word('t'));
const run = word('r');

interface Row {
  slug: string;
  headline: string;
  teaser?: string;
  body?: string;
  transcript?: string;
  hoursAgo?: number;
}

async function insert(stories: Row[]) {
  for (const s of stories) {
    await app.db.query(
      `INSERT INTO stories (slug, headline, teaser, body_text, transcript_text, status, published_at)
       VALUES ($1, $2, $3, $4, $5, 'published', now() - $6 * interval '1 hour')`,
      [s.slug, s.headline, s.teaser ?? 'A short teaser.', s.body ?? FILLER, s.transcript ?? '', s.hoursAgo ?? 1],
    );
  }
}

const slug = (name: string) => `${run}-${name}`;
const search = async (q: string) => {
  const response = await app.request('GET', `/api/public/search?q=${encodeURIComponent(q)}&limit=10`);
  expect(response.status).toBe(200);
  return response.body.items as Array<{ slug: string; snippet: string }>;
};

beforeAll(async () => {
  const rows: Row[] = [];
  topics.forEach((t, i) => {
    // Headline, teaser, body and transcript matches of topic i; the body and transcript ones newer.
    rows.push({ slug: slug(`h${i}`), headline: `News of ${t} today`, hoursAgo: 50 });
    rows.push({ slug: slug(`t${i}`), headline: `Other news ${i}`, teaser: `A teaser about ${t}.`, hoursAgo: 40 });
    rows.push({ slug: slug(`b${i}`), headline: `More news ${i}`, body: `${FILLER} Then ${t} was mentioned. ${FILLER}`, hoursAgo: 2 });
    rows.push({ slug: slug(`r${i}`), headline: `A show ${i}`, transcript: `HOST: ${FILLER} GUEST: ${t} matters.`, hoursAgo: 1 });
  });
  // Pairs: both words in the headline beat one word in the headline.
  for (let i = 0; i < 5; i++) {
    const [a, b] = [topics[i]!, topics[i + 5]!];
    rows.push({ slug: slug(`pair${i}`), headline: `${a} and ${b} together`, teaser: `${a} meets ${b}.`, hoursAgo: 100 });
    rows.push({ slug: slug(`phrase${i}`), headline: `Story ${i}`, body: `${FILLER} ${b} ${a} in that order. ${FILLER}`, hoursAgo: 3 });
  }
  await insert(rows);
});

it('answers the 20 queries of the check set with the expected stories first, and marks their words', async () => {
  const failures: string[] = [];
  const expectTop = async (q: string, expected: string[], mustNotContain: string[] = [], marks: string[] = []) => {
    const items = await search(q);
    const got = items.map((item) => item.slug);
    if (JSON.stringify(got.slice(0, expected.length)) !== JSON.stringify(expected.map(slug)))
      failures.push(`${q}: expected ${expected.join(', ')} first, got ${got.map((s) => s.slice(run.length + 1)).join(', ')}`);
    for (const name of mustNotContain) if (got.includes(slug(name))) failures.push(`${q}: ${name} should not match`);
    const top = items[0]?.snippet ?? '';
    for (const m of marks)
      if (!top.toLowerCase().includes(`<mark>${m}</mark>`)) failures.push(`${q}: top snippet does not mark ${m}: ${top}`);
  };
  // 1-10: one word: headline, then teaser, then the body and transcript matches (all four found).
  for (let i = 0; i < 10; i++) {
    const t = topics[i]!;
    const expectedFirst = i < 5 ? [`pair${i}`, `h${i}`, `t${i}`] : [`pair${i - 5}`, `h${i}`, `t${i}`];
    await expectTop(t, expectedFirst, [], [t]);
    const all = (await search(t)).map((item) => item.slug);
    for (const name of [`b${i}`, `r${i}`]) if (!all.includes(slug(name))) failures.push(`${t}: ${name} not found`);
  }
  // 11-15: two words: the story with both, only it (AND).
  for (let i = 0; i < 5; i++)
    await expectTop(`${topics[i]} ${topics[i + 5]}`, [`pair${i}`], [`h${i}`, `t${i + 5}`], [topics[i]!, topics[i + 5]!]);
  // 16-18: a quoted phrase needs the words adjacent and in order.
  for (let i = 0; i < 3; i++) {
    const items = await search(`"${topics[i + 5]} ${topics[i]}"`);
    if (items.map((item) => item.slug).join() !== slug(`phrase${i}`))
      failures.push(`phrase ${i}: got ${items.map((item) => item.slug).join()}`);
    else if (!items[0]!.snippet.includes(`<mark>${topics[i]}</mark>`)) failures.push(`phrase ${i}: snippet ${items[0]!.snippet}`);
  }
  // 19-20: a negated word excludes the stories that have it.
  for (let i = 3; i < 5; i++)
    await expectTop(`${topics[i]} -${topics[i + 5]}`, [`h${i}`, `t${i}`], [`pair${i}`, `phrase${i}`], [topics[i]!]);
  expect(failures).toEqual([]);
});

it('staff lists and staff search answer with their server time (Server-Timing), public answers without it', async () => {
  const { token } = await app.signIn(['editor']);
  for (const path of ['/api/stories?limit=20', `/api/stories?q=${topics[0]}&limit=20`]) {
    const response = await app.request('GET', path, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d$/);
  }
  const staffSearch = await app.request('GET', `/api/stories?q=${topics[0]}&limit=20`, { token });
  expect(staffSearch.body.items.find((item: { snippet?: string }) => item.snippet?.includes(`<mark>${topics[0]}</mark>`))).toBeDefined();
  expect((await app.request('GET', `/api/public/search?q=${topics[0]}`)).headers.get('server-timing')).toBeNull();
});

it("marks a word exactly when PostgreSQL's english configuration gives the query's lexeme (random and real words, with digits too)", async () => {
  const { wordMatcher } = await import('../src/stories/search-snippet.js');
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const withDigits = letters + '0123456789';
  // Letters only (english_stem), and every fourth with digits (a numword: the simple dictionary).
  const words = Array.from({ length: 3000 }, (_, i) =>
    Array.from({ length: 3 + (i % 12) }, () => {
      const pool = i % 4 === 0 ? withDigits : letters;
      return pool[Math.floor(Math.random() * pool.length)];
    }).join(''),
  );
  words.push(
    ...(FILLER + ' possibility dying skies generously hoping cities happiness relational knightly proceeding zebulonu0t2ze')
      .toLowerCase()
      .match(/[a-z0-9]+/g)!,
  );
  // The words PostgreSQL's parser reads as one token (not "4e4…", a number then a word), with the
  // lexeme the search index makes of it (none for a stop word: never asked to be marked).
  const rows: Array<{ w: string; lexeme: string | null }> = await app.db.query(
    `SELECT w, (SELECT min(lexeme) FROM unnest(to_tsvector('english', w))) AS lexeme FROM unnest($1::text[]) AS w
      WHERE (SELECT count(*) FROM ts_debug('english', w)) = 1`,
    [words],
  );
  expect(rows.length).toBeGreaterThan(2500);
  const differing = rows.filter(({ w, lexeme }) => lexeme !== null && !wordMatcher([lexeme])(w));
  expect(differing).toEqual([]);
});
