// The admin bench's data: a staff login against the API, one story with a 600-turn transcript (a
// ~2-hour show) added to the generated newsroom through the API (created once, its transcript put
// back before each measured opening), and the filters the list pages use, chosen from the data.
import pg from 'pg';

export const SHOW_SLUG = 'bench-admin-two-hour-show';
export const SHOW_TURNS = 600;

const WORDS = `the minister said council budget river station morning evening report talks city market school we have been
looking at this for months and the numbers do not add up people here want answers about the water the roads and the
jobs that were promised two years ago when the plant closed I think that is fair to say but it is more complicated`.split(/\s+/);

/** Turn i's text: 60 to 420 characters (a 2-hour show is ~18,000 words over ~600 turns), deterministic. */
export function showTurnText(i) {
  const words = 10 + ((i * 37) % 60);
  return `${Array.from({ length: words }, (_, k) => WORDS[(i * 11 + k * 7 + k * k) % WORDS.length]).join(' ')}.`.replace(/^./, (c) =>
    c.toUpperCase(),
  );
}

/** Bearer-authenticated JSON calls to the API, with the Server-Timing `app;dur` of each answer. */
export async function apiClient(base, email, password) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login of ${email}: ${login.status} ${await login.text()}`);
  const { token } = await login.json();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  /** @param {string} method @param {string} path @param {unknown} [body] */
  const call = async (method, path, body) => {
    const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return { body: text ? JSON.parse(text) : null, serverMs: serverTiming(response.headers.get('server-timing')), bytes: text.length };
  };
  return { call };
}

/** `app;dur=12.3` -> 12.3 (NaN when absent). */
export function serverTiming(header) {
  const match = /(?:^|,)\s*app;dur=([\d.]+)/.exec(header ?? '');
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * The 600-turn story (created on first use), and a function that puts its transcript back as
 * created (each measured opening edits turn 300 and autosaves).
 * @param {{ call: Function }} api @param {string} url the bench database
 */
export async function twoHourShow(api, url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    // Four speakers of the generated newsroom (people with a title first: their labels carry it).
    const { rows: speakers } = await db.query(`SELECT id FROM people ORDER BY label_title IS NULL, id LIMIT 4`);
    if (speakers.length < 2) throw new Error('the bench database has fewer than 2 people');
    const {
      rows: [byline],
    } = await db.query(`SELECT id FROM correspondents ORDER BY id LIMIT 1`);
    const turns = Array.from({ length: SHOW_TURNS }, (_, i) =>
      i % 50 === 24
        ? { cue: i % 100 === 74 ? 'SOUNDBITE OF MUSIC' : 'BREAK' }
        : {
            personId: speakers[i % 3 === 0 ? 0 : 1 + (i % (speakers.length - 1))].id,
            role: i < 2 ? 'BYLINE' : null,
            title: null,
            annotation: null,
            text: showTurnText(i),
          },
    );
    const found = (await db.query(`SELECT id FROM stories WHERE slug = $1`, [SHOW_SLUG])).rows[0];
    const id =
      found?.id ??
      (
        await api.call('POST', '/api/stories', {
          headline: 'The two-hour show (admin bench)',
          slug: SHOW_SLUG,
          teaser: 'A 600-turn transcript, as a two-hour call-in show has.',
          bylineIds: byline ? [byline.id] : [],
          transcript: { turns },
        })
      ).body.id;
    const reset = async () => {
      const story = (await api.call('GET', `/api/stories/${id}`)).body;
      await api.call('PATCH', `/api/stories/${id}`, { version: story.version, transcript: { turns } });
    };
    await reset();
    const bytes = JSON.stringify(turns).length;
    return { id, reset, turns: turns.length, transcriptBytes: bytes };
  } finally {
    await db.end();
  }
}

/** A tag on ~1% of the stories (a typical desk filter), and the staff search queries of the read mix. */
export async function listFilters(url, stories) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const {
      rows: [tag],
    } = await db.query(
      `SELECT tag_id, count(*)::int AS n FROM story_tags GROUP BY tag_id ORDER BY abs(count(*) - $1::int), tag_id LIMIT 1`,
      [Math.max(25, Math.round(stories / 100))],
    );
    return { tag: tag.tag_id, tagStories: tag.n };
  } finally {
    await db.end();
  }
}
