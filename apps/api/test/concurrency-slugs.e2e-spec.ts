/**
 * Concurrency suite, unique names: many parallel writes that claim the same slug (or call sign)
 * → exactly one wins, every other answer is a 4xx problem naming the field, never a 5xx, and
 * exactly one row holds the value. The check-then-insert paths race here on purpose: the unique
 * index decides, and its violation must come back in our words.
 */
import { uniqueCallSign } from './support/schedule.js';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let editor: string;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  editor = (await app.signIn(['editor'])).token;
  admin = (await app.signIn(['admin'])).token;
});
afterAll(async () => {
  await app?.close();
});

const PARALLEL = 12;
const unique = () => Math.random().toString(36).slice(2, 8);

type Answer = Awaited<ReturnType<TestApp['request']>>;

/** One 2xx, the rest 400/409 problem+json naming `field`, none 5xx. */
function expectOneWinner(answers: Answer[], field: string): void {
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  expect(statuses.filter((status) => status >= 200 && status < 300)).toHaveLength(1);
  for (const answer of answers.filter((a) => a.status >= 400)) {
    expect([400, 409]).toContain(answer.status);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.errors?.map((error: { field: string }) => error.field)).toContain(field);
    // Our words, never PostgreSQL's constraint text.
    expect(answer.text).not.toMatch(/Key \(|constraint|duplicate key/i);
  }
}

async function rowsWith(table: string, column: string, value: string): Promise<number> {
  const [row] = await app.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [value]);
  return (row as { n: number }).n;
}

describe('parallel writes claiming one unique name', () => {
  it('stories: one of 12 parallel creates with the same slug wins', async () => {
    const slug = `race-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        app.request('POST', '/api/stories', { token: editor, body: { headline: `Race ${i}`, slug, bylineIds: [app.bylineId] } }),
      ),
    );
    expectOneWinner(answers, 'slug');
    expect(await rowsWith('stories', 'slug', slug)).toBe(1);
  });

  it('stories: one of 12 parallel renames to the same slug wins', async () => {
    const slug = `rename-${unique()}`;
    const stories = await Promise.all(
      Array.from(
        { length: PARALLEL },
        async (_, i) =>
          (
            await app.request('POST', '/api/stories', {
              token: editor,
              body: { headline: `Rename ${unique()} ${i}`, bylineIds: [app.bylineId] },
            })
          ).body,
      ),
    );
    const answers = await Promise.all(
      stories.map((story) => app.request('PATCH', `/api/stories/${story.id}`, { token: editor, body: { version: story.version, slug } })),
    );
    expectOneWinner(answers, 'slug');
    expect(await rowsWith('stories', 'slug', slug)).toBe(1);
  });

  it('tags: one of 12 parallel creates with the same slug wins', async () => {
    const slug = `race-tag-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        app.request('POST', '/api/tags', { token: editor, body: { name: `Race tag ${unique()} ${i}`, slug, type: 'topic' } }),
      ),
    );
    expectOneWinner(answers, 'slug');
    expect(await rowsWith('tags', 'slug', slug)).toBe(1);
  });

  it('correspondents: one of 12 parallel creates with the same slug wins', async () => {
    const slug = `race-correspondent-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        app.request('POST', '/api/correspondents', { token: admin, body: { name: `Racer ${i}`, slug, title: 'Reporter', bureau: 'Kyiv' } }),
      ),
    );
    expectOneWinner(answers, 'slug');
    expect(await rowsWith('correspondents', 'slug', slug)).toBe(1);
  });

  it('people: one of 12 parallel creates with the same slug wins', async () => {
    const slug = `race-person-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        app.request('POST', '/api/people', { token: editor, body: { displayName: `Person Racer ${i}`, slug } }),
      ),
    );
    expectOneWinner(answers, 'slug');
    expect(await rowsWith('people', 'slug', slug)).toBe(1);
  });

  it('stations: one of 12 parallel creates with the same call sign wins', async () => {
    const callSign = uniqueCallSign('K');
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        app.request('POST', '/api/stations', {
          token: admin,
          body: { callSign, name: 'Race Radio', band: 'FM', frequency: '88.5', city: 'Washington', timezone: 'America/New_York' },
        }),
      ),
    );
    expectOneWinner(answers, 'callSign');
    expect(await rowsWith('stations', 'call_sign', callSign)).toBe(1);
  });
});
