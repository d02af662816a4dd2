import { defined } from '@newsdesk/contracts';
import type { Role } from '@newsdesk/contracts';
import { DemoRepository } from './demo.repository.js';
import type { DataSource } from 'typeorm';
import { bodyColumns, changedFields, snapshotOf } from '../stories/story-content.js';
import { upsertUser } from '../users/upsert-user.js';

/** Demo staff: one per role. Local demo credentials only; DEMO_DATA is refused in production. */
export const DEMO_USERS: Array<{ email: string; name: string; roles: Role[]; password: string }> = [
  { email: 'admin@newsdesk.local', name: 'Ada Admin', roles: ['admin'], password: 'newsdesk-admin-demo' },
  { email: 'editor@newsdesk.local', name: 'Edith Editor', roles: ['editor'], password: 'newsdesk-editor-demo' },
  { email: 'producer@newsdesk.local', name: 'Pablo Producer', roles: ['producer'], password: 'newsdesk-producer-demo' },
];

const MOSCOW_STORY = {
  slug: 'kremlin-pitches-joint-fight-against-isis-to-trump',
  headline: 'Kremlin Pitches A Joint Fight Against ISIS To The New Trump Administration',
  teaser:
    'The new U.S. president promised in his inaugural address to rally allies against Islamist militants. Moscow says it has been asking for exactly that. Lucian Kim reports from Moscow.',
  dateline: 'MOSCOW',
  credit: 'Transcript provided by the Newsdesk demo newsroom.',
  bodyHtml: [
    '<p>Within days of the inauguration, the Russian Defense Ministry announced bombing runs against ISIS positions in Syria and suggested they were coordinated with the U.S.-led coalition.</p>',
    '<p>A senior U.S. defense official disputed that account, saying no targeting data was exchanged.</p>',
    '<h2>Talks in Kazakhstan</h2>',
    "<p>Meanwhile, Syria peace talks sponsored by Russia, Iran and Turkey opened in Astana, another sign of the Kremlin's ambition to broker outcomes in the Middle East.</p>",
    '<blockquote><p>Foreign Minister Sergey Lavrov described the fight against terrorism as a shared priority.</p></blockquote>',
  ].join(''),
  publishedAt: '2017-01-23T10:04:00Z',
};

const MORE_STORIES = [
  {
    slug: 'lavrov-leaves-door-open-to-washington',
    headline: 'Lavrov Leaves The Door Open To Washington',
    teaser: "Russia's foreign minister says Moscow is ready to work with the new U.S. administration as a partner.",
    dateline: 'MOSCOW',
    bodyHtml:
      '<p>Speaking to reporters in Moscow, Sergey Lavrov said national interests, not ideology, should guide relations between the two powers.</p>',
    publishedAt: '2017-01-24T08:30:00Z',
  },
  {
    slug: 'aleppo-after-the-siege',
    headline: 'Aleppo After The Siege: What Russia Gained',
    teaser: 'Russian air power helped the Syrian government retake Aleppo. Analysts weigh what comes next.',
    dateline: 'MOSCOW',
    bodyHtml: '<p>Critics say Russian strikes mostly hit rebel groups opposed to President Bashar al-Assad rather than ISIS.</p>',
    publishedAt: '2017-01-25T07:15:00Z',
  },
];

const DRAFTS = [
  {
    slug: 'astana-talks-second-day',
    headline: 'Astana Talks Enter A Second Day',
    teaser: 'Delegations from the Syrian government and armed opposition remain in separate rooms.',
    dateline: 'ASTANA, Kazakhstan',
    bodyHtml: '<p>Draft: waiting for the closing statement.</p>',
    status: 'draft',
  },
  {
    slug: 'sanctions-outlook',
    headline: 'What Sanctions Relief Could Look Like',
    teaser: 'An explainer on the measures Washington imposed after 2014.',
    dateline: 'WASHINGTON',
    bodyHtml: '<p>Draft for review.</p>',
    status: 'in_review',
  },
];

/**
 * Embargoed (docs/embargo.md): released to partners, not for publication before the next full hour a
 * day after the demo is loaded. Published under its embargo, so it is scheduled at that instant.
 */
const EMBARGOED = {
  slug: 'tillerson-lavrov-to-meet-in-bonn',
  headline: 'Tillerson And Lavrov To Meet On The Sidelines Of The G-20 In Bonn',
  teaser: 'Embargoed advance: the first meeting of the new secretary of state with his Russian counterpart.',
  dateline: 'BONN, Germany',
  bodyHtml: '<p>Embargoed advance for partner stations. The State Department will announce the meeting when the embargo ends.</p>',
};

/** The demo embargo's instant: the next full hour, a day from `now`. */
export function demoEmbargoInstant(now = new Date()): Date {
  const until = new Date(now.getTime() + 25 * 3600_000);
  until.setUTCMinutes(0, 0, 0);
  return until;
}

const DEMO_TAGS = [
  { slug: 'russia', name: 'Russia', type: 'place', aliases: ['Russian Federation', 'Kremlin'] },
  { slug: 'vladimir-putin', name: 'Vladimir Putin', type: 'person', aliases: ['Putin'] },
  { slug: 'donald-trump', name: 'Donald Trump', type: 'person', aliases: ['Trump', 'President Trump'] },
  { slug: 'syria', name: 'Syria', type: 'place', aliases: [] },
  { slug: 'isis', name: 'ISIS', type: 'organization', aliases: ['Islamic State', 'ISIL'] },
  { slug: 'kazakhstan', name: 'Kazakhstan', type: 'place', aliases: ['Astana'] },
  { slug: 'sergey-lavrov', name: 'Sergey Lavrov', type: 'person', aliases: ['Lavrov', 'Sergei Lavrov'] },
  { slug: 'morning-edition', name: 'Morning Edition', type: 'program', aliases: [] },
];

const STORY_TAGS: Record<string, string[]> = {
  [MOSCOW_STORY.slug]: ['russia', 'vladimir-putin', 'donald-trump', 'isis', 'syria'],
  'lavrov-leaves-door-open-to-washington': ['russia', 'sergey-lavrov', 'donald-trump'],
  'aleppo-after-the-siege': ['syria', 'russia'],
  'astana-talks-second-day': ['kazakhstan', 'syria'],
};

/** Inserts a demo story with its rendered body, tags and first revision. */
async function insertStory(
  seed: DemoRepository,
  story: {
    slug: string;
    headline: string;
    teaser: string;
    dateline: string;
    bodyHtml: string;
    credit?: string;
    status: string;
    publishedAt: string | null;
  },
  userId: string | undefined,
): Promise<void> {
  const body = defined(bodyColumns({ bodyHtml: story.bodyHtml }), 'demo story body');
  const row = await seed.insertStory(
    {
      slug: story.slug,
      headline: story.headline,
      teaser: story.teaser,
      dateline: story.dateline,
      body: JSON.stringify(body.body),
      bodyHtml: body.body_html,
      bodyText: body.body_text,
      credit: story.credit ?? '',
      status: story.status,
      publishedAt: story.publishedAt,
    },
    userId,
  );
  const tagIds = await seed.tagStory(row.id, STORY_TAGS[story.slug] ?? []);
  const snapshot = snapshotOf(row, [], tagIds);
  await seed.insertFirstRevision(row.id, row.version, JSON.stringify(snapshot), changedFields(null, snapshot), userId);
}

/** Loads the demo newsroom once: returns false when it is already there. */
export async function loadDemoNewsroom(db: DataSource): Promise<boolean> {
  const seed = new DemoRepository(db);
  if (await seed.userExists(defined(DEMO_USERS[0], 'first demo user').email)) return false;
  const ids: string[] = [];
  for (const user of DEMO_USERS) ids.push(await upsertUser(db, user));
  const editorId = ids[1];
  for (const tag of DEMO_TAGS) {
    await seed.insertTag(tag);
  }
  for (const story of [MOSCOW_STORY, ...MORE_STORIES]) await insertStory(seed, { ...story, status: 'published' }, editorId);
  for (const story of DRAFTS) await insertStory(seed, { ...story, publishedAt: null }, editorId);
  const until = demoEmbargoInstant();
  await insertStory(seed, { ...EMBARGOED, status: 'scheduled', publishedAt: until.toISOString() }, editorId);
  await seed.embargoStory(EMBARGOED.slug, until);
  return true;
}
