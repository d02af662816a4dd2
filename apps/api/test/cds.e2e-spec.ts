import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { cdsErrors } from './support/cds-profiles.js';
import { createProgram } from './support/schedule.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Issue 18 item 1: CDS documents of the demo stories, validated with a JSON Schema validator (Ajv,
 * draft 2019-09) against profile schemas derived from NPR's published profile definitions
 * (test/support/cds-profiles.ts names the source of each rule). Item 2: the CDS checks.
 */
let app: TestApp;
let editor: string;
let admin: string;

beforeAll(async () => {
  app = await startTestApp({ OUTBOX_WORKER: 'false' });
  await loadDemoNewsroom(app.db);
  editor = (await app.signIn(['editor'])).token;
  admin = (await app.signIn(['admin'])).token;
});
afterAll(async () => {
  await app?.close();
});

async function settings(body: Record<string, unknown>) {
  const current = await app.request('GET', '/api/distribution/settings', { token: admin });
  return app.request('PUT', '/api/distribution/settings', { token: admin, body: { version: current.body.version, ...body } });
}

it('answers 409 while no prefix is configured, then builds a valid CDS document for every demo story', async () => {
  await settings({ cdsPrefix: null, cdsServiceId: null });
  const [first] = await app.db.query(`SELECT id FROM stories LIMIT 1`);
  expect((await app.request('GET', `/api/stories/${first.id}/cds`, { token: editor })).status).toBe(409);
  expect((await settings({ cdsPrefix: 'kxyz', cdsServiceId: 's1234' })).status).toBe(200);

  const stories: Array<{ id: string; slug: string; status: string }> = await app.db.query(
    `SELECT id, slug, status FROM stories ORDER BY slug`,
  );
  expect(stories.length).toBeGreaterThan(4);
  for (const story of stories) {
    const response = await app.request('GET', `/api/stories/${story.id}/cds`, { token: editor });
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(cdsErrors(doc)).toEqual([]);
    expect(doc.id).toBe(`kxyz-${story.id}`);
    expect(doc.profiles.filter((p: { rels?: string[] }) => p.rels?.includes('type'))).toEqual([
      { href: '/v1/profiles/story', rels: ['type'] },
    ]);
    expect(doc.owners).toEqual([{ href: 'https://organization.api.npr.org/v4/services/s1234' }]);
    expect(doc.webPages).toEqual([{ href: `http://localhost:4000/api/public/stories/${story.slug}`, rels: ['canonical'] }]);
  }
});

it('maps bylines, corrections, audio, program, tags and recommendUntil, each valid against its profile', async () => {
  const program = await createProgram(app, admin);
  const [story] = await app.db.query(`SELECT id, version FROM stories WHERE slug = 'kremlin-pitches-joint-fight-against-isis-to-trump'`);
  const [topic] = await app.db.query(`INSERT INTO tags (slug, name, type) VALUES ('diplomacy-cds', 'Diplomacy', 'topic') RETURNING id`);
  // A correspondent with a published profile (its biography document exists) and the test's byline.
  // (Publishing through the API needs a photo with renditions; the profile's state is what matters here.)
  await app.db.query(`UPDATE correspondents SET status = 'published', published_at = now() WHERE id = $1`, [app.bylineId]);
  const current = (await app.request('GET', `/api/stories/${story.id}`, { token: editor })).body;
  const updated = await app.request('PATCH', `/api/stories/${story.id}`, {
    token: editor,
    body: {
      version: current.version,
      programId: program.id,
      bylineIds: [app.bylineId],
      tagIds: [...current.tags.map((t: { id: string }) => t.id), topic.id],
      audioUrl: 'https://audio.example.test/kremlin.mp3',
      audioDurationSeconds: 241,
      recommendUntil: '2027-01-31T00:00:00+01:00',
    },
  });
  expect(updated.status).toBe(200);
  expect(updated.body.recommendUntil).toBe('2027-01-30T23:00:00.000Z');
  const corrected = await app.request('POST', `/api/stories/${story.id}/corrections`, {
    token: editor,
    body: { version: updated.body.version, text: 'An earlier version misspelled the minister’s name.' },
  });
  expect(corrected.status).toBe(201);

  const doc = (await app.request('GET', `/api/stories/${story.id}/cds`, { token: editor })).body;
  expect(cdsErrors(doc)).toEqual([]);
  const profiles = doc.profiles.map((p: { href: string }) => p.href.replace('/v1/profiles/', ''));
  expect(profiles).toEqual(
    expect.arrayContaining(['story', 'publishable', 'document', 'buildout', 'renderable', 'has-audio', 'listenable', 'has-corrections']),
  );
  expect(doc.recommendUntilDateTime).toBe('2027-01-30T23:00:00Z');
  expect(doc.collections).toEqual(
    expect.arrayContaining([
      { href: `/v1/documents/kxyz-program-${program.id}`, rels: ['program'] },
      { href: `/v1/documents/kxyz-tag-${topic.id}`, rels: ['topic'] },
    ]),
  );
  const audio = doc.assets[doc.audio[0].href.slice('#/assets/'.length)];
  expect(doc.audio[0].rels).toEqual(['primary']);
  expect(audio).toMatchObject({
    isStreamable: true,
    isDownloadable: true,
    isEmbeddable: true,
    duration: 241,
    enclosures: [{ href: 'https://audio.example.test/kremlin.mp3', type: 'audio/mpeg' }],
  });
  const correction = doc.assets[doc.corrections[0].href.slice('#/assets/'.length)];
  expect(correction).toMatchObject({
    text: 'An earlier version misspelled the minister’s name.',
    profiles: [{ href: '/v1/profiles/correction', rels: ['type'] }, { href: '/v1/profiles/document' }],
  });
  expect(Date.parse(correction.dateTime)).not.toBeNaN();
  // Bylines: a published profile is a reference-byline to its biography document, which is valid too.
  const bylines = doc.bylines.map((b: { href: string }) => doc.assets[b.href.slice('#/assets/'.length)]);
  expect(bylines.length).toBeGreaterThan(0);
  for (const byline of bylines) {
    const type = byline.profiles[0].href;
    if (type === '/v1/profiles/reference-byline') {
      const bioId = byline.bylineDocuments[0].href.replace('/v1/documents/kxyz-bio-', '');
      const bio = await app.request('GET', `/api/correspondents/${bioId}/cds`, { token: editor });
      expect(bio.status).toBe(200);
      expect(cdsErrors(bio.body)).toEqual([]);
      expect(bio.body.items).toContainEqual({ href: `/v1/documents/kxyz-${story.id}` });
    } else expect(type).toBe('/v1/profiles/byline');
  }
  expect(bylines.some((b: { profiles: Array<{ href: string }> }) => b.profiles[0]!.href === '/v1/profiles/reference-byline')).toBe(true);
});

it('a draft byline profile is a plain byline, and has no biography document (404)', async () => {
  const [draft] = await app.db.query(`SELECT id FROM correspondents WHERE status = 'draft' LIMIT 1`);
  if (draft) expect((await app.request('GET', `/api/correspondents/${draft.id}/cds`, { token: editor })).status).toBe(404);
  const story = await app.request('POST', '/api/stories', {
    token: editor,
    body: { headline: 'Draft byline CDS', bylineIds: [app.bylineId] },
  });
  const [row] = await app.db.query(`SELECT status FROM correspondents WHERE id = $1`, [app.bylineId]);
  const doc = (await app.request('GET', `/api/stories/${story.body.id}/cds`, { token: editor })).body;
  expect(cdsErrors(doc)).toEqual([]);
  const byline = doc.assets[doc.bylines[0].href.slice('#/assets/'.length)];
  expect(byline.profiles[0].href).toBe(row.status === 'published' ? '/v1/profiles/reference-byline' : '/v1/profiles/byline');
});

it('reports the CDS checks before sending: no audio, no program, image credit, teaser length, no prefix', async () => {
  const [{ id: destination }] = await app.db.query(
    `INSERT INTO distribution_destinations (name, kind, url, enabled) VALUES ('CDS checks', 'cds', 'http://127.0.0.1:9', false) RETURNING id`,
  );
  const story = await app.request('POST', '/api/stories', {
    token: editor,
    body: {
      headline: 'Checks before sending',
      teaser: 'x'.repeat(401),
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://img.example.test/a.jpg', alt: 'A', credit: '' } }] },
    },
  });
  expect(story.status).toBe(201);
  const codes = async () =>
    (
      (await app.request('GET', `/api/stories/${story.body.id}/distribution`, { token: editor })).body.checks as Array<{ code: string }>
    ).map((c) => c.code);
  expect(await codes()).toEqual(['no_audio', 'no_program', 'image_credit', 'teaser_length']);
  await settings({ cdsPrefix: null });
  expect(await codes()).toEqual(['no_prefix', 'no_audio', 'no_program', 'image_credit', 'teaser_length']);
  await settings({ cdsPrefix: 'kxyz' });
  await app.db.query(`DELETE FROM distribution_destinations WHERE id = $1`, [destination]);
});

it('refuses bad settings and destinations naming the field; only admins manage them', async () => {
  const bad = await settings({ cdsPrefix: 'Bad Prefix!' });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['cdsPrefix']);
  expect((await app.request('GET', '/api/distribution/settings', { token: editor })).status).toBe(403);
  for (const [field, body] of [
    ['url', { name: 'x', kind: 'cds', url: 'ftp://example.test' }],
    ['kind', { name: 'x', kind: 'fax', url: 'https://example.test' }],
    ['name', { name: '', kind: 'cds', url: 'https://example.test' }],
    ['token', { name: 'x', kind: 'cds', url: 'https://example.test', token: 'a\u0000b' }],
  ] as const) {
    const response = await app.request('POST', '/api/distribution/destinations', { token: admin, body });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  }
  const created = await app.request('POST', '/api/distribution/destinations', {
    token: admin,
    body: { name: 'Secret holder', kind: 'cds', url: 'https://cds.example.test', token: 'sekrit-token', enabled: false },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ hasToken: true, enabled: false });
  expect(JSON.stringify((await app.request('GET', '/api/distribution/destinations', { token: admin })).body)).not.toContain('sekrit');
  expect((await app.request('DELETE', `/api/distribution/destinations/${created.body.id}?version=1`, { token: admin })).status).toBe(204);
});
