import type { StoryStatus } from '@newsdesk/contracts';
import pg from 'pg';
import { STORY_STATUSES } from '@newsdesk/contracts';
import { EFFECTIVE_STATUS, LIVE_SQL, effectiveStatus, effectiveStatusIs, isLive } from '../src/stories/story-live.js';

/**
 * "Is this story live" was written four times (story-reader, twice in stories.service, the public
 * SQL) and they disagreed on a published story: the service's checks read it by status alone,
 * the public SQL also by its time. Now one rule, in TypeScript and SQL: these rows must get the
 * same answer from both, evaluated by PostgreSQL itself.
 */

const HOUR = 3_600_000;
const now = Date.now();
const AGO = now - HOUR;
const AHEAD = now + HOUR;
const when = (at: number | null) => (at === null ? 'none' : at < now ? 'an hour ago' : 'in an hour');
const CASES: Array<[StoryStatus, number | null]> = [
  ['published', AGO],
  ['published', AHEAD], // cannot be stored by the API's publish path; the rule still says not yet
  ['scheduled', AGO],
  ['scheduled', AHEAD],
  ['draft', null],
  ['draft', AGO],
  ['in_review', AGO],
  ['unpublished', AGO],
  ['unpublished', null],
];

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
});

describe('the live-story rule', () => {
  it.each(CASES.map(([status, at]) => [status, when(at), at] as const))(
    '%s, published_at %s: isLive and effectiveStatus agree with LIVE_SQL and EFFECTIVE_STATUS',
    async (status, _label, at) => {
      const publishedAt = at === null ? null : new Date(at);
      const { rows } = await client.query<{ live: boolean; effective: string }>(
        `SELECT (${LIVE_SQL}) AS live, ${EFFECTIVE_STATUS} AS effective FROM (VALUES ($1::text, $2::timestamptz)) AS s(status, published_at)`,
        [status, publishedAt],
      );
      expect({ live: isLive(status, publishedAt), effective: effectiveStatus(status, publishedAt) }).toEqual({
        live: rows[0]!.live === true,
        effective: rows[0]!.effective,
      });
    },
  );

  it.each(CASES.map(([status, at]) => [status, when(at), at] as const))(
    '%s, published_at %s: the status filter (effectiveStatusIs) picks it under its effective status only',
    async (status, _label, at) => {
      const publishedAt = at === null ? null : new Date(at);
      for (const wanted of STORY_STATUSES) {
        const values: unknown[] = [status, publishedAt];
        const picks = effectiveStatusIs(wanted, (value) => `$${values.push(value)}::text`);
        const { rows } = await client.query<{ picked: boolean; effective: string }>(
          `SELECT (${picks}) IS TRUE AS picked, ${EFFECTIVE_STATUS} AS effective
             FROM (VALUES ($1::text, $2::timestamptz)) AS s(status, published_at)`,
          values,
        );
        expect({ wanted, picked: rows[0]!.picked }).toEqual({ wanted, picked: rows[0]!.effective === wanted });
      }
    },
  );

  it('reads a scheduled story whose time has come as live and published; one still ahead as neither', () => {
    expect(isLive('scheduled', new Date(now - 1000))).toBe(true);
    expect(effectiveStatus('scheduled', new Date(now - 1000))).toBe('published');
    expect(isLive('scheduled', new Date(now + HOUR))).toBe(false);
    expect(effectiveStatus('scheduled', new Date(now + HOUR))).toBe('scheduled');
    expect(isLive('unpublished', new Date(now - HOUR))).toBe(false);
  });
});
