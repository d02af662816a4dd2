import { PersonSchema, PublicPersonSchema, TranscriptPersonSchema, toTranscriptPerson } from '@newsdesk/contracts';
import { PeopleService } from '../src/people/people.service.js';
import { PeopleRepository } from '../src/people/people.repository.js';
import { CorrespondentsRepository } from '../src/correspondents/correspondents.repository.js';
import { VersionedWriter } from '../src/common/versioned-write.js';
import { AuditService } from '../src/audit/audit.service.js';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let admin: string;
let editor: string;
let producer: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.signIn(['admin'])).token;
  editor = (await app.signIn(['editor'])).token;
  producer = (await app.signIn(['producer'])).token;
});
afterAll(async () => {
  await app?.close();
});

const unique = () => Math.random().toString(36).slice(2, 8);

async function createPerson(fields: Record<string, unknown>) {
  const response = await app.request('POST', '/api/people', { token: editor, body: fields });
  expect(response.status).toBe(201);
  return PersonSchema.parse(response.body);
}

async function search(q: string, extra = '') {
  const response = await app.request('GET', `/api/people?q=${encodeURIComponent(q)}${extra}`, { token: producer });
  expect(response.status).toBe(200);
  return response.body.items.map((person: { displayName: string }) => person.displayName) as string[];
}

describe('people', () => {
  it('creates a person with names derived from the display name, and a slug', async () => {
    const putin = await createPerson({ displayName: 'Vladimir Putin', labelTitle: 'president', affiliation: 'Russia' });
    expect(putin).toMatchObject({
      slug: 'vladimir-putin',
      givenName: 'Vladimir',
      familyName: 'Putin',
      labelTitle: 'PRESIDENT',
      affiliation: 'Russia',
      aliases: [],
      isStaff: false,
      version: 1,
    });
    const assad = await createPerson({ displayName: 'Bashar al-Assad' });
    expect(assad).toMatchObject({ givenName: 'Bashar', familyName: 'al-Assad' });
    const twin = await createPerson({ displayName: 'Vladimir Putin', affiliation: 'A namesake' });
    expect(twin.slug).toBe('vladimir-putin-2');
    // The transcript module takes a person as it is.
    expect(TranscriptPersonSchema.parse(putin)).toEqual(toTranscriptPerson(putin));
  });

  it('names invalid fields; producers cannot write', async () => {
    const response = await app.request('POST', '/api/people', { token: editor, body: { displayName: '', labelTitle: 'PRESIDENT: X' } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['displayName', 'labelTitle']);
    expect((await app.request('POST', '/api/people', { token: producer, body: { displayName: 'x' } })).status).toBe(403);
    expect((await app.request('GET', '/api/people', { token: producer })).status).toBe(200);
  });

  it('rejects a stale edit with 409 and keeps the newer one', async () => {
    const person = await createPerson({ displayName: `Sergey Lavrov ${unique()}` });
    const first = await app.request('PATCH', `/api/people/${person.id}`, {
      token: editor,
      body: { version: 1, affiliation: 'Russian Foreign Minister' },
    });
    expect(first.body).toMatchObject({ affiliation: 'Russian Foreign Minister', version: 2 });
    const stale = await app.request('PATCH', `/api/people/${person.id}`, { token: editor, body: { version: 1, affiliation: 'stale' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await app.request('GET', `/api/people/${person.id}`, { token: editor })).body.affiliation).toBe('Russian Foreign Minister');
    expect((await app.request('GET', '/api/people/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d', { token: editor })).status).toBe(404);
  });
});

describe('search', () => {
  const tag = unique();
  beforeAll(async () => {
    await createPerson({
      displayName: `Sergey Lavrov${tag}`,
      familyName: `Lavrov${tag}`,
      aliases: [`Sergei Lavrov${tag}`],
      affiliation: 'Russian Foreign Minister',
    });
    await createPerson({ displayName: `Lavra Sergeyeva${tag}` });
    await createPerson({ displayName: `Émile Zola${tag}` });
    await createPerson({ displayName: `Bashar al-Assad${tag}` });
  });

  it('matches name prefixes, any later word, and aliases, folding case and accents', async () => {
    expect(await search(`lavrov${tag}`)).toEqual([`Sergey Lavrov${tag}`]);
    expect(await search(`SERGEI LAV`)).toContain(`Sergey Lavrov${tag}`);
    expect(await search(`emile zola${tag}`)).toEqual([`Émile Zola${tag}`]);
    expect(await search(`zola${tag}`)).toEqual([`Émile Zola${tag}`]);
    expect(await search(`assad${tag}`)).toEqual([`Bashar al-Assad${tag}`]);
    expect(await search(`al-assad${tag}`)).toEqual([`Bashar al-Assad${tag}`]);
    expect(await search(`sergei lavrov${tag}`)).toEqual([`Sergey Lavrov${tag}`]);
  });

  it('ranks a full-name prefix above a later word, and both above an alias', async () => {
    const ranked = await search('sergey');
    expect(ranked.indexOf(`Sergey Lavrov${tag}`)).toBeLessThan(ranked.indexOf(`Lavra Sergeyeva${tag}`));
    const mixed = await search('lavr');
    expect(mixed.indexOf(`Lavra Sergeyeva${tag}`)).toBeLessThan(mixed.indexOf(`Sergey Lavrov${tag}`));
  });

  it('treats metacharacters literally and never fails on odd input', async () => {
    for (const q of ['%', '_', '\\', "' OR 1=1 --", '(', '\u{10FFFF}', 'ż'.repeat(150)]) {
      const response = await app.request('GET', `/api/people?q=${encodeURIComponent(q)}`, { token: producer });
      expect(response.status).toBe(200);
    }
    expect(await search('%')).toEqual([]);
  });

  it('filters staff, and finds people by folded names for the transcript resolver', async () => {
    const profile = await app.request('POST', '/api/correspondents', { token: admin, body: { name: `Lucian Kim${tag}` } });
    expect(await search(`lucian kim${tag}`, '&staff=true')).toEqual([`Lucian Kim${tag}`]);
    expect(await search(`lucian kim${tag}`, '&staff=false')).toEqual([]);
    const people = new PeopleService(
      new PeopleRepository(app.db),
      new CorrespondentsRepository(app.db),
      new VersionedWriter(app.db, new AuditService()),
      new AuditService(),
    );
    const found = await people.transcriptPeopleByNames([`kim${tag}`, `sergei lavrov${tag}`]);
    expect(found.map((person) => person.displayName).sort()).toEqual([`Lucian Kim${tag}`, `Sergey Lavrov${tag}`]);
    expect(found.find((person) => person.familyName === `Kim${tag}`)).toMatchObject({ isStaff: true, id: profile.body.personId });
  });

  it('lists everyone by family name, by cursor, without repeats', async () => {
    const ids = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await app.request(
        'GET',
        `/api/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: producer },
      );
      for (const item of page.body.items) {
        expect(ids.has(item.id)).toBe(false);
        ids.add(item.id);
      }
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM people`);
    expect(ids.size).toBe(count);
    expect(pages).toBeGreaterThan(2);
  });
});

describe('merging duplicates', () => {
  it('moves the duplicate into the survivor: names become aliases, the profile moves, the slug redirects', async () => {
    const survivor = await createPerson({ displayName: `Sergey Lavrov ${unique()}`, affiliation: '' });
    const duplicate = await createPerson({
      displayName: `Sergei Lavrov ${unique()}`,
      labelTitle: 'FOREIGN MINISTER',
      affiliation: 'Russian Foreign Minister',
      aliases: ['S. Lavrov'],
    });
    const merged = await app.request('POST', `/api/people/${duplicate.id}/merge`, {
      token: editor,
      body: { intoId: survivor.id, version: 1, intoVersion: 1 },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: survivor.id,
      labelTitle: 'FOREIGN MINISTER',
      affiliation: 'Russian Foreign Minister',
      version: 2,
    });
    expect(merged.body.aliases).toEqual([duplicate.displayName, 'S. Lavrov']);
    expect((await app.request('GET', `/api/people/${duplicate.id}`, { token: editor })).status).toBe(404);
    expect(await search(duplicate.displayName)).toEqual([survivor.displayName]);
    const log = await app.request('GET', `/api/audit?action=merge&entityId=${duplicate.id}`, { token: admin });
    expect(log.body.items).toHaveLength(1);
  });

  it('moves a correspondent profile to the survivor (admins only) and redirects the public page', async () => {
    const profile = (
      await app.request('POST', '/api/correspondents', {
        token: admin,
        body: { name: `Lucian Kim ${unique()}`, title: 'Correspondent', bio: '<p>Bio</p>' },
      })
    ).body;
    await app.request('POST', `/api/correspondents/${profile.id}/publish`, { token: admin, body: { version: 1 } });
    const staffPerson = (await app.request('GET', `/api/people/${profile.personId}`, { token: admin })).body;
    const survivor = await createPerson({ displayName: `Lucian Kim ${unique()}` });
    expect((await app.request('GET', `/api/public/people/${staffPerson.slug}`)).status).toBe(200);
    expect((await app.request('GET', `/api/public/people/${survivor.slug}`)).status).toBe(404);

    const byEditor = await app.request('POST', `/api/people/${staffPerson.id}/merge`, {
      token: editor,
      body: { intoId: survivor.id, version: staffPerson.version },
    });
    expect(byEditor.status).toBe(403);
    const merged = await app.request('POST', `/api/people/${staffPerson.id}/merge`, {
      token: admin,
      body: { intoId: survivor.id, version: staffPerson.version },
    });
    expect(merged.body).toMatchObject({ isStaff: true, correspondentId: profile.id });
    const moved = (await app.request('GET', `/api/correspondents/${profile.id}`, { token: admin })).body;
    expect(moved).toMatchObject({ personId: survivor.id, name: survivor.displayName, version: 3 });

    const redirect = await fetch(`${app.url}/api/public/people/${staffPerson.slug}`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`/api/public/people/${survivor.slug}`);
    const page = await app.request('GET', `/api/public/people/${survivor.slug}`);
    expect(PublicPersonSchema.parse(page.body)).toMatchObject({
      displayName: survivor.displayName,
      correspondent: { slug: profile.slug, title: 'Correspondent' },
      stories: [],
    });
  });

  it('refuses a stale version, a self-merge, two profiles, and a missing survivor', async () => {
    const a = await createPerson({ displayName: `Merge A ${unique()}` });
    const b = await createPerson({ displayName: `Merge B ${unique()}` });
    const stale = await app.request('POST', `/api/people/${a.id}/merge`, { token: editor, body: { intoId: b.id, version: 5 } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(1);
    expect(
      (await app.request('POST', `/api/people/${a.id}/merge`, { token: editor, body: { intoId: b.id, version: 1, intoVersion: 9 } }))
        .status,
    ).toBe(409);
    const self = await app.request('POST', `/api/people/${a.id}/merge`, { token: editor, body: { intoId: a.id, version: 1 } });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].field).toBe('intoId');
    expect(
      (
        await app.request('POST', `/api/people/${a.id}/merge`, {
          token: editor,
          body: { intoId: '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d', version: 1 },
        })
      ).status,
    ).toBe(404);
    const p1 = (await app.request('POST', '/api/correspondents', { token: admin, body: { name: `Profile One ${unique()}` } })).body;
    const p2 = (await app.request('POST', '/api/correspondents', { token: admin, body: { name: `Profile Two ${unique()}` } })).body;
    const both = await app.request('POST', `/api/people/${p1.personId}/merge`, { token: admin, body: { intoId: p2.personId, version: 1 } });
    expect(both.status).toBe(409);
    expect(both.body.detail).toMatch(/both have correspondent profiles/);
  });
});

describe('public person pages', () => {
  it('show only people named by published content, with public fields only', async () => {
    const newsmaker = await createPerson({ displayName: `Embargoed Source ${unique()}`, affiliation: 'Confidential' });
    expect((await app.request('GET', `/api/public/people/${newsmaker.slug}`)).status).toBe(404);
    const profile = (
      await app.request('POST', '/api/correspondents', {
        token: admin,
        body: { name: `Public Reporter ${unique()}`, title: 'Reporter', bio: '<p>x</p>', email: 'pr@newsdesk.local' },
      })
    ).body;
    const person = (await app.request('GET', `/api/people/${profile.personId}`, { token: admin })).body;
    expect((await app.request('GET', `/api/public/people/${person.slug}`)).status).toBe(404);
    await app.request('POST', `/api/correspondents/${profile.id}/publish`, { token: admin, body: { version: 1 } });
    const page = await app.request('GET', `/api/public/people/${person.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/"(id|version|email|aliases)"\s*:/);
    expect(page.text).not.toContain('@newsdesk.local');
    // A renamed slug keeps redirecting.
    const renamed = await app.request('PATCH', `/api/people/${person.id}`, {
      token: admin,
      body: { version: person.version, slug: `${person.slug}-new` },
    });
    expect(renamed.status).toBe(200);
    const redirect = await fetch(`${app.url}/api/public/people/${person.slug}`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe(`/api/public/people/${person.slug}-new`);
    expect((await app.request('GET', '/api/public/people/NOT%20A%20SLUG')).status).toBe(404);
  });
});
