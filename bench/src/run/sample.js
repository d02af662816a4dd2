// The request mix, drawn from the generated database (so it also works with --reuse).
import pg from 'pg';
import { createRandom } from '../generate/random.js';
import { TOPICS } from '../generate/words.js';

/**
 * @typedef {object} RequestMix
 * @property {Record<string, string[]>} paths paths per endpoint, requests pick among them at random
 * @property {Record<string, string>} notes how each endpoint's paths were chosen
 */

export const ENDPOINTS = ['latest', 'story', 'tag', 'search', 'correspondent', 'now-next'];

/**
 * @param {string} url database
 * @param {{ hotStories: number }} options
 * @returns {Promise<RequestMix>}
 */
export async function requestMix(url, { hotStories }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const random = createRandom(7);
  try {
    await client.query('SELECT setseed(0.42)');
    const live = `status IN ('published','scheduled') AND published_at <= now()`;
    const stories = (await client.query(`SELECT slug FROM stories WHERE ${live} ORDER BY random() LIMIT $1`, [hotStories])).rows.map(
      (r) => r.slug,
    );
    // Tags: half drawn by use (popular tags get the traffic), half uniformly among tags in use (the long tail).
    const byUse = (
      await client.query(
        `SELECT t.slug FROM story_tags st TABLESAMPLE BERNOULLI (5) JOIN tags t ON t.id = st.tag_id ORDER BY random() LIMIT 250`,
      )
    ).rows;
    const uniform = (
      await client.query(
        `SELECT slug FROM tags t WHERE EXISTS (SELECT 1 FROM story_tags st WHERE st.tag_id = t.id) ORDER BY random() LIMIT 250`,
      )
    ).rows;
    const tags = [...byUse, ...uniform].map((r) => r.slug);
    const correspondents = (await client.query(`SELECT slug FROM correspondents WHERE status = 'published' ORDER BY slug`)).rows.map(
      (r) => r.slug,
    );
    const stations = (await client.query(`SELECT call_sign FROM stations WHERE active ORDER BY call_sign`)).rows.map((r) => r.call_sign);
    // Search: a topic word, two words of one topic, or the name of someone who speaks in transcripts.
    const speakers = (await client.query(`SELECT display_name FROM people ORDER BY random() LIMIT 100`)).rows.map((r) => r.display_name);
    const queries = new Set();
    while (queries.size < 200) {
      const topic = random.pick(TOPICS);
      const roll = random.next();
      if (roll < 0.4) queries.add(random.pick(topic));
      else if (roll < 0.8) queries.add(`${random.pick(topic)} ${random.pick(topic)}`);
      else queries.add(`"${random.pick(speakers)}"`);
    }
    return {
      paths: {
        latest: ['/api/public/stories?limit=20'],
        story: stories.map((slug) => `/api/public/stories/${slug}`),
        tag: tags.map((slug) => `/api/public/tags/${slug}`),
        search: [...queries].map((q) => `/api/public/search?q=${encodeURIComponent(q)}`),
        correspondent: correspondents.map((slug) => `/api/public/correspondents/${slug}`),
        'now-next': stations.map((callSign) => `/api/public/stations/${callSign}/now-next`),
      },
      notes: {
        latest: 'the first page, limit 20',
        story: `${stories.length.toLocaleString('en-US')} random live stories (a hot set)`,
        tag: `${tags.length} tags: half by use, half uniform over tags in use`,
        search: '200 queries: a topic word, two words of a topic, or a quoted person name',
        correspondent: `all ${correspondents.length} published profiles with their latest 20 stories`,
        'now-next': `${stations.length} stations, now`,
      },
    };
  } finally {
    await client.end();
  }
}

/**
 * Story paths the same-answers check asks besides the mix's first ones, one per case of the story
 * JSON that a random draw may miss: a publishable lead photo, a lead photo that is not publishable
 * (no alt text: `image` null), an uploaded and an external body image (`images`), a byline whose
 * profile is a draft (`hasPage` false), a correspondent page with a portrait. Cases the database
 * lacks are left out.
 * @param {string} url database
 * @returns {Promise<Record<string, string[]>>} paths per endpoint
 */
export async function comparisonCases(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const live = `s.status IN ('published','scheduled') AND s.published_at <= now()`;
    const {
      rows: [row],
    } = await client.query(`SELECT
      (SELECT s.slug FROM stories s JOIN media m ON m.id = s.lead_image_id WHERE ${live} AND btrim(m.alt) <> '' LIMIT 1) AS lead,
      (SELECT s.slug FROM stories s JOIN media m ON m.id = s.lead_image_id WHERE ${live} AND btrim(m.alt) = '' LIMIT 1) AS unpublishable_lead,
      (SELECT s.slug FROM stories s WHERE ${live} AND s.body_html LIKE '%src="/api/media/%' LIMIT 1) AS uploaded_body_image,
      (SELECT s.slug FROM stories s WHERE ${live} AND s.body_html LIKE '%src="https://%' LIMIT 1) AS external_body_image,
      (SELECT s.slug FROM stories s JOIN story_bylines b ON b.story_id = s.id JOIN correspondents c ON c.id = b.correspondent_id
        WHERE ${live} AND c.status <> 'published' LIMIT 1) AS draft_byline,
      (SELECT slug FROM correspondents WHERE status = 'published' AND photo_id IS NOT NULL LIMIT 1) AS portrait`);
    const stories = [row.lead, row.unpublishable_lead, row.uploaded_body_image, row.external_body_image, row.draft_byline];
    return {
      story: stories.filter(Boolean).map((slug) => `/api/public/stories/${slug}`),
      correspondent: row.portrait ? [`/api/public/correspondents/${row.portrait}`] : [],
    };
  } finally {
    await client.end();
  }
}
