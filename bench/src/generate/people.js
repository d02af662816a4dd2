// People (the registry), correspondents (staff profiles of the first people) and tags.
import { randomUUID } from 'node:crypto';
import { slugify } from '@newsdesk/contracts';
import { copyRows } from './copy.js';
import {
  AFFILIATIONS,
  BUREAUS,
  CORRESPONDENT_TITLES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  PLACES,
  PROGRAMS,
  TAG_TYPES,
  TITLES,
  TOPICS,
} from './words.js';

/** @typedef {import('./random.js').Random} Random */
/** @typedef {{ id: string, slug: string, displayName: string, givenName: string, familyName: string, labelTitle: string | null, affiliation: string, aliases: string[], isStaff: boolean }} Person */

/** Unique slugs: "maria-garcia", then "maria-garcia-2", ... */
function uniqueSlugs() {
  const seen = new Map();
  return (/** @type {string} */ text) => {
    const base = slugify(text) || 'item';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
}

/**
 * `count` people with distinct names; the first `staff` are staff (they get correspondent profiles).
 * @param {Random} random @param {number} count @param {number} staff
 * @returns {Person[]}
 */
export function makePeople(random, count, staff) {
  const slug = uniqueSlugs();
  const names = new Set();
  /** @type {Person[]} */
  const people = [];
  const initials = 'ABCDEFGHJKLMNPRSTW';
  while (people.length < count) {
    const givenName = random.pick(GIVEN_NAMES);
    const familyName = random.pick(FAMILY_NAMES);
    let displayName = `${givenName} ${familyName}`;
    // Past the plain combinations, a middle initial tells people apart (as newsrooms do).
    if (names.has(displayName)) displayName = `${givenName} ${random.pick([...initials])}. ${familyName}`;
    if (names.has(displayName)) continue;
    names.add(displayName);
    const isStaff = people.length < staff;
    people.push({
      id: randomUUID(),
      slug: slug(displayName),
      displayName,
      givenName: displayName.slice(0, displayName.length - familyName.length - 1),
      familyName,
      labelTitle: !isStaff && random.chance(0.2) ? random.pick(TITLES) : null,
      affiliation: isStaff ? '' : random.chance(0.5) ? random.pick(AFFILIATIONS) : '',
      aliases: [],
      isStaff,
    });
  }
  return people;
}

/**
 * @param {import('pg').ClientBase} client @param {Person[]} people
 * @param {{ personSearchKeys: Function, sortName: Function }} names the API's own name folding (apps/api/dist/people/person-names.js)
 */
export async function copyPeople(client, people, names) {
  await copyRows(
    client,
    'people',
    ['id', 'slug', 'display_name', 'given_name', 'family_name', 'label_title', 'affiliation', 'aliases', 'sort_name'],
    people.map((p) => [p.id, p.slug, p.displayName, p.givenName, p.familyName, p.labelTitle, p.affiliation, p.aliases, names.sortName(p)]),
  );
  await copyRows(
    client,
    'person_search_keys',
    ['person_id', 'name_key', 'tier'],
    people.flatMap((p) => names.personSearchKeys(p).map((/** @type {{key: string, tier: number}} */ k) => [p.id, k.key, k.tier])),
  );
}

/** A profile's publication time: none for a draft (the time is drawn anyway, so the rest of the data stays as it was). */
const publishedAt = (/** @type {boolean} */ draft, /** @type {Date} */ at) => (draft ? null : at);

/**
 * Profiles of the staff people, published but for every fiftieth (a draft: their bylines have no
 * page, `hasPage` false); every other one with a photo from `photos`. Returns [{ id, person, title }].
 * @param {import('pg').ClientBase} client @param {Random} random @param {Person[]} staff @param {string[]} photos media ids
 */
export async function copyCorrespondents(client, random, staff, photos = []) {
  const now = Date.now();
  const correspondents = staff.map((person, i) => ({
    id: randomUUID(),
    person,
    // The first twenty host programs; the rest report.
    title: i < 20 ? 'Host' : random.pick(CORRESPONDENT_TITLES.filter((t) => t !== 'Host')),
  }));
  await copyRows(
    client,
    'correspondents',
    [
      'id',
      'person_id',
      'slug',
      'title',
      'bureau',
      'bio_html',
      'beats',
      'email',
      'social_links',
      'active',
      'status',
      'published_at',
      'photo_id',
    ],
    correspondents.map((c, i) => [
      c.id,
      c.person.id,
      c.person.slug,
      c.title,
      random.pick(BUREAUS),
      `<p>${c.person.displayName} covers ${random.pick(TOPICS)[0]} and ${random.pick(TOPICS)[0]} from the ${random.pick(BUREAUS)} bureau.</p>`,
      [random.pick(TOPICS)[0], random.pick(TOPICS)[0]],
      `${c.person.slug}@newsroom.example`,
      JSON.stringify([{ label: 'Website', url: `https://example.org/${c.person.slug}` }]),
      random.chance(0.95),
      i % 50 === 49 ? 'draft' : 'published',
      publishedAt(i % 50 === 49, new Date(now - random.int(3650) * 86_400_000)),
      photos.length && i % 2 === 0 ? photos[(i / 2) % photos.length] : null,
    ]),
  );
  return correspondents;
}

const TOPIC_SUFFIXES = [
  '',
  ' Policy',
  ' Research',
  ' Coverage',
  ' Season',
  ' Crisis',
  ' Debate',
  ' Investigation',
  ' Economy',
  ' Science',
  ' Reform',
  ' Funding',
  ' Explained',
  ' Live Updates',
  ' History',
  ' Culture',
  ' Trial',
  ' Report',
  ' Watch',
  ' Outlook',
];

/**
 * `count` tags with distinct slugs: topics, places, people, organizations and programs.
 * @param {import('pg').ClientBase} client @param {Random} random @param {number} count @param {Person[]} people
 * @returns {Promise<Array<{ id: string, slug: string }>>}
 */
export async function copyTags(client, random, count, people) {
  const slug = uniqueSlugs();
  const seen = new Set();
  const tags = [];
  const topicTerms = TOPICS.flat();
  while (tags.length < count) {
    const type = random.pick(TAG_TYPES);
    let name;
    if (type === 'topic')
      name = `${topicTerms[random.int(topicTerms.length)].replace(/^./, (c) => c.toUpperCase())}${random.pick(TOPIC_SUFFIXES)}`;
    else if (type === 'place')
      name = `${random
        .pick(PLACES)
        .toLowerCase()
        .replace(/\b./g, (c) => c.toUpperCase())}${random.pick(['', ' County', ' Region', ' Metro', ' Schools'])}`;
    else if (type === 'person') name = random.pick(people).displayName;
    else if (type === 'organization')
      name = `${random.pick(AFFILIATIONS)} of ${random
        .pick(PLACES)
        .toLowerCase()
        .replace(/\b./g, (c) => c.toUpperCase())}`;
    else name = random.pick(PROGRAMS)[0];
    if (seen.has(name)) {
      // Plain names run out long before 5,000: number the rest as series ("Wildfire Policy, Part 3").
      name = `${name}, Part ${tags.length}`;
    }
    seen.add(name);
    tags.push({ id: randomUUID(), slug: slug(name), name, type });
  }
  await copyRows(
    client,
    'tags',
    ['id', 'slug', 'name', 'type'],
    tags.map((t) => [t.id, t.slug, t.name, t.type]),
  );
  return tags;
}
