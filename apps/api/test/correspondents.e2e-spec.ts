import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PublicCorrespondentPageSchema, PublicCorrespondentSchema } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { png, upload } from './support/images.js';
import { renditionsSettled } from './support/renditions.js';

let app: TestApp;
let admin: string;
let editor: string;
let producer: string;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-media-test-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
  admin = (await app.signIn(['admin'])).token;
  editor = (await app.signIn(['editor'])).token;
  producer = (await app.signIn(['producer'])).token;
});
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

const unique = () => Math.random().toString(36).slice(2, 8);

async function createCorrespondent(fields: Record<string, unknown> = {}) {
  const response = await app.request('POST', '/api/correspondents', {
    token: admin,
    body: {
      name: `Lucian Kim ${unique()}`,
      title: 'International Correspondent',
      bureau: 'Moscow',
      bio: '<p>Reports on Russia.</p>',
      email: 'lkim@newsdesk.local',
      ...fields,
    },
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** An uploaded photo, once its renditions are made (publication waits for them). */
async function photo(fields: Record<string, string> = { alt: 'Portrait of the correspondent', credit: 'Newsdesk' }) {
  const uploaded = (await upload(app, editor, png(), { name: 'portrait.png', fields })).body;
  return renditionsSettled(app, editor, uploaded.id);
}

async function publish(id: string, version: number) {
  return app.request('POST', `/api/correspondents/${id}/publish`, { token: admin, body: { version } });
}

/** A published story with these bylines, inserted directly (the stories feature writes bylines later). */
async function bylinedStory(correspondentId: string, publishedAt: string | null, headline = `Moscow dispatch ${unique()}`) {
  const [story] = await app.db.query(
    `INSERT INTO stories (slug, headline, status, published_at) VALUES ($1, $2, $3, $4) RETURNING id, slug`,
    [`story-${unique()}-${unique()}`, headline, publishedAt ? 'published' : 'draft', publishedAt],
  );
  await app.db.query(`INSERT INTO story_bylines (story_id, correspondent_id, position) VALUES ($1, $2, 0)`, [story.id, correspondentId]);
  return story as { id: string; slug: string };
}

describe('correspondents', () => {
  it('creates a draft profile and its person, with sanitized bio and derived slug and names', async () => {
    const created = await createCorrespondent({
      name: 'Lucian Kim',
      bio: '<p onclick="x()">Moscow<script>alert(1)</script> <img src="x"></p>',
      beats: ['Russia', 'Russia', 'Ukraine'],
    });
    expect(created).toMatchObject({
      slug: 'lucian-kim',
      name: 'Lucian Kim',
      givenName: 'Lucian',
      familyName: 'Kim',
      status: 'draft',
      version: 1,
      active: true,
      bio: '<p>Moscow </p>',
      beats: ['Russia', 'Ukraine'],
      photo: null,
      email: 'lkim@newsdesk.local',
      publishedAt: null,
      oldSlugs: [],
    });
    const person = await app.request('GET', `/api/people/${created.personId}`, { token: producer });
    expect(person.body).toMatchObject({ displayName: 'Lucian Kim', isStaff: true, correspondentId: created.id });
    const again = await createCorrespondent({ name: 'Lucian Kim' });
    expect(again.slug).toBe('lucian-kim-2');
  });

  it('names each invalid field and refuses unknown ones', async () => {
    const response = await app.request('POST', '/api/correspondents', {
      token: admin,
      body: { name: '', email: 'not-an-email', socialLinks: [{ label: 'X', url: 'javascript:alert(1)' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['email', 'name', 'socialLinks.0.url']);
    expect((await app.request('POST', '/api/correspondents', { token: admin, body: { name: 'x', status: 'published' } })).status).toBe(400);
    const taken = await createCorrespondent();
    const duplicate = await app.request('POST', '/api/correspondents', { token: admin, body: { name: 'Other', slug: taken.slug } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors[0].field).toBe('slug');
  });

  it('rejects a stale edit with 409 and the current version', async () => {
    const created = await createCorrespondent();
    const first = await app.request('PATCH', `/api/correspondents/${created.id}`, { token: admin, body: { version: 1, bureau: 'Kyiv' } });
    expect(first.body).toMatchObject({ bureau: 'Kyiv', version: 2 });
    const stale = await app.request('PATCH', `/api/correspondents/${created.id}`, { token: admin, body: { version: 1, bureau: 'Berlin' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await app.request('GET', `/api/correspondents/${created.id}`, { token: admin })).body.bureau).toBe('Kyiv');
    const staleDelete = await app.request('DELETE', `/api/correspondents/${created.id}?version=1`, { token: admin });
    expect(staleDelete.status).toBe(409);
  });

  it('lets editors and producers read, and only admins write', async () => {
    const created = await createCorrespondent();
    for (const token of [editor, producer]) {
      expect((await app.request('GET', '/api/correspondents', { token })).status).toBe(200);
      expect((await app.request('GET', `/api/correspondents/${created.id}`, { token })).status).toBe(200);
      expect((await app.request('POST', '/api/correspondents', { token, body: { name: 'x' } })).status).toBe(403);
      expect((await app.request('PATCH', `/api/correspondents/${created.id}`, { token, body: { version: 1, title: 'x' } })).status).toBe(
        403,
      );
      expect((await app.request('POST', `/api/correspondents/${created.id}/publish`, { token, body: { version: 1 } })).status).toBe(403);
      expect((await app.request('DELETE', `/api/correspondents/${created.id}?version=1`, { token })).status).toBe(403);
    }
  });

  it('renames through the person, both ways, keeping the versions in step', async () => {
    const created = await createCorrespondent({ name: 'Lucien Kim' });
    const renamed = await app.request('PATCH', `/api/correspondents/${created.id}`, {
      token: admin,
      body: { version: 1, name: 'Lucian Kim' },
    });
    expect(renamed.body).toMatchObject({ name: 'Lucian Kim', givenName: 'Lucian', familyName: 'Kim', version: 2 });
    const person = (await app.request('GET', `/api/people/${created.personId}`, { token: editor })).body;
    expect(person.displayName).toBe('Lucian Kim');
    // An editor may describe a staff person, but their name belongs to the profile (admins).
    expect(
      (await app.request('PATCH', `/api/people/${person.id}`, { token: editor, body: { version: person.version, displayName: 'L. Kim' } }))
        .status,
    ).toBe(403);
    const described = await app.request('PATCH', `/api/people/${person.id}`, {
      token: editor,
      body: { version: person.version, aliases: ['Lucian Kimm'] },
    });
    expect(described.status).toBe(200);
    const byAdmin = await app.request('PATCH', `/api/people/${person.id}`, {
      token: admin,
      body: { version: described.body.version, familyName: 'Kim-Lee', displayName: 'Lucian Kim-Lee' },
    });
    expect(byAdmin.status).toBe(200);
    const profile = (await app.request('GET', `/api/correspondents/${created.id}`, { token: admin })).body;
    expect(profile).toMatchObject({ name: 'Lucian Kim-Lee', familyName: 'Kim-Lee', version: 3 });
  });
});

describe('publishing a profile', () => {
  it('requires a title, a bio, and alt text and credit on the photo, naming each field', async () => {
    const bare = await createCorrespondent({ title: '', bio: '<p> </p>' });
    const refused = await publish(bare.id, 1);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['bio', 'title']);

    const image = await photo({ alt: 'Portrait' });
    const withPhoto = await createCorrespondent({ photoId: image.id });
    expect(withPhoto.photo).toMatchObject({ id: image.id, url: `/api/media/${image.id}`, alt: 'Portrait', credit: '' });
    const noCredit = await publish(withPhoto.id, 1);
    expect(noCredit.status).toBe(400);
    expect(noCredit.body.errors).toEqual([{ field: 'photo', message: 'The photo needs a credit before publication' }]);

    await app.request('PATCH', `/api/media/${image.id}`, { token: editor, body: { version: 1, credit: 'Newsdesk' } });
    const published = await publish(withPhoto.id, 1);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', version: 2 });
    expect(published.body.publishedAt).toBeTruthy();
    // While the profile is live, its photo keeps alt text and credit, and a new photo needs them too.
    const cleared = await app.request('PATCH', `/api/media/${image.id}`, { token: editor, body: { version: 2, alt: '' } });
    expect(cleared.status).toBe(400);
    expect(cleared.body.errors[0].field).toBe('alt');
    const bareImage = await photo({});
    const swap = await app.request('PATCH', `/api/correspondents/${withPhoto.id}`, {
      token: admin,
      body: { version: 2, photoId: bareImage.id },
    });
    expect(swap.status).toBe(400);
    expect(swap.body.errors[0].field).toBe('photo');
    const unknownPhoto = await app.request('PATCH', `/api/correspondents/${withPhoto.id}`, {
      token: admin,
      body: { version: 2, photoId: '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d' },
    });
    expect(unknownPhoto.body.errors[0].field).toBe('photoId');
    // Nor can a live profile lose its title or bio (unpublish first).
    const emptied = await app.request('PATCH', `/api/correspondents/${withPhoto.id}`, {
      token: admin,
      body: { version: 2, title: ' ', bio: '<p></p>' },
    });
    expect(emptied.status).toBe(400);
    expect(emptied.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['bio', 'title']);
    expect(
      (await app.request('PATCH', `/api/correspondents/${withPhoto.id}`, { token: admin, body: { version: 2, photoId: null } })).body.photo,
    ).toBeNull();
  });

  it('shows only published profiles publicly, never the email, and hides them again on unpublish', async () => {
    const image = await photo();
    const live = await createCorrespondent({
      name: `Anna Public ${unique()}`,
      photoId: image.id,
      socialLinks: [{ label: 'Bluesky', url: 'https://bsky.app/profile/x' }],
    });
    const draft = await createCorrespondent({ name: `Dora Draft ${unique()}` });
    await publish(live.id, 1);

    const list = await app.request('GET', '/api/public/correspondents?limit=100');
    expect(list.status).toBe(200);
    PublicCorrespondentPageSchema.parse(list.body);
    const slugs = list.body.items.map((item: { slug: string }) => item.slug);
    expect(slugs).toContain(live.slug);
    expect(slugs).not.toContain(draft.slug);

    const single = await app.request('GET', `/api/public/correspondents/${live.slug}`);
    expect(single.status).toBe(200);
    const profile = PublicCorrespondentSchema.parse(single.body);
    expect(profile).toMatchObject({
      name: live.name,
      title: 'International Correspondent',
      bureau: 'Moscow',
      bio: '<p>Reports on Russia.</p>',
      active: true,
    });
    expect(profile.photo).toMatchObject({
      url: `/api/media/${image.id}`,
      alt: 'Portrait of the correspondent',
      credit: 'Newsdesk',
      width: 24,
      height: 16,
      focal: { x: 0.5, y: 0.5 },
    });
    // A 24 × 16 photo: one rendition per aspect and type at its own crop width (never upscaled).
    expect(profile.photo!.renditions.length).toBe(15);
    expect(profile.photo!.srcset.original).toMatchObject({ width: 24, height: 16, sizes: expect.any(String) });
    expect(profile.socialLinks).toEqual([{ label: 'Bluesky', url: 'https://bsky.app/profile/x' }]);
    for (const text of [list.text, single.text]) {
      expect(text).not.toContain('@newsdesk.local');
      expect(text).not.toMatch(/"(id|email|version|status|personId|photoId)"\s*:/);
    }
    expect(single.headers.get('etag')).toBeTruthy();
    expect(single.headers.get('cache-control')).toContain('public');
    // The photo loads without a session.
    expect((await fetch(`${app.url}${profile.photo!.url}`)).status).toBe(200);

    expect((await app.request('GET', `/api/public/correspondents/${draft.slug}`)).status).toBe(404);
    await app.request('POST', `/api/correspondents/${live.id}/unpublish`, { token: admin, body: { version: 2 } });
    expect((await app.request('GET', `/api/public/correspondents/${live.slug}`)).status).toBe(404);
    expect((await app.request('POST', `/api/correspondents/${live.id}/unpublish`, { token: admin, body: { version: 3 } })).status).toBe(
      409,
    );
  });

  it('pages the latest live bylined stories, newest first, by cursor', async () => {
    const created = await createCorrespondent();
    await publish(created.id, 1);
    const times = [1, 2, 3, 4, 5].map((hours) => new Date(Date.now() - hours * 3_600_000).toISOString());
    const stories = [];
    for (const at of times) stories.push(await bylinedStory(created.id, at));
    await bylinedStory(created.id, null, 'Unpublished draft with the byline');
    await bylinedStory(created.id, new Date(Date.now() + 3_600_000).toISOString(), 'Scheduled for later');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { stories: { items: Array<{ slug: string; headline: string }>; nextCursor: string | null } } } =
        await app.request('GET', `/api/public/correspondents/${created.slug}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.stories.items.map((item) => item.slug));
      cursor = page.body.stories.nextCursor;
    } while (cursor);
    expect(seen).toEqual(stories.map((story) => story.slug));
    expect((await app.request('GET', `/api/public/correspondents/${created.slug}?cursor=abc`)).status).toBe(400);
  });

  it('keeps an old slug as a redirect once the profile has been published', async () => {
    const draft = await createCorrespondent();
    const renamedDraft = await app.request('PATCH', `/api/correspondents/${draft.id}`, {
      token: admin,
      body: { version: 1, slug: `${draft.slug}-draft` },
    });
    expect(renamedDraft.body.oldSlugs).toEqual([]);

    const created = await createCorrespondent();
    await publish(created.id, 1);
    const moved = await app.request('PATCH', `/api/correspondents/${created.id}`, {
      token: admin,
      body: { version: 2, slug: `${created.slug}-moscow` },
    });
    expect(moved.body.oldSlugs).toEqual([created.slug]);
    const redirect = await fetch(`${app.url}/api/public/correspondents/${created.slug}?limit=5`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`/api/public/correspondents/${created.slug}-moscow?limit=5`);
    expect((await app.request('GET', `/api/public/correspondents/${created.slug}`)).body.slug).toBe(`${created.slug}-moscow`);

    // Another profile cannot take the old slug while it redirects; the profile itself can go back to it.
    const other = await app.request('POST', '/api/correspondents', { token: admin, body: { name: 'Someone Else', slug: created.slug } });
    expect(other.status).toBe(400);
    expect(other.body.errors[0].message).toMatch(/still redirects/);
    const back = await app.request('PATCH', `/api/correspondents/${created.id}`, {
      token: admin,
      body: { version: 3, slug: created.slug },
    });
    expect(back.body.oldSlugs).toEqual([`${created.slug}-moscow`]);
  });
});

describe('deleting a profile', () => {
  it('is refused with 409 naming the stories while it has bylines; deactivating is the way out', async () => {
    const created = await createCorrespondent();
    await bylinedStory(created.id, new Date().toISOString(), 'Kremlin Pitches A Joint Fight');
    await bylinedStory(created.id, null, 'Astana Talks Draft');
    const refused = await app.request('DELETE', `/api/correspondents/${created.id}?version=1`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('2 stories');
    expect(refused.body.detail).toContain('“Kremlin Pitches A Joint Fight”');
    expect(refused.body.detail).toContain('“Astana Talks Draft”');
    expect(refused.body.detail).toMatch(/departed/);
    const departed = await app.request('PATCH', `/api/correspondents/${created.id}`, { token: admin, body: { version: 1, active: false } });
    expect(departed.body).toMatchObject({ active: false, version: 2 });
    const inactive = await app.request('GET', '/api/correspondents?active=false&limit=100', { token: editor });
    expect(inactive.body.items.map((item: { id: string }) => item.id)).toContain(created.id);
  });

  it('deletes a profile without bylines; the person stays in the registry', async () => {
    const created = await createCorrespondent();
    expect((await app.request('DELETE', `/api/correspondents/${created.id}?version=1`, { token: admin })).status).toBe(204);
    expect((await app.request('GET', `/api/correspondents/${created.id}`, { token: admin })).status).toBe(404);
    const person = await app.request('GET', `/api/people/${created.personId}`, { token: admin });
    expect(person.body).toMatchObject({ isStaff: false, correspondentId: null });
    const log = await app.request('GET', `/api/audit?entity=correspondent&entityId=${created.id}`, { token: admin });
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(['delete', 'create']);
    expect(log.body.items[1].diff).toMatchObject({
      name: [null, created.name],
      bureau: [null, 'Moscow'],
      email: [null, 'lkim@newsdesk.local'],
    });
  });
});

describe('listing', () => {
  it('orders by family name, filters, and pages by cursor without repeats', async () => {
    const tag = unique();
    for (const name of ['Zoe Adams', 'Yuri Baker', 'Xena Carter', 'Will Dunn'])
      await createCorrespondent({ name: `${name} ${tag}`, bureau: `Bureau ${tag}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3&q=${tag}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.request('GET', `/api/correspondents${query}`, { token: producer });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { name: string }) => item.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    // Family names here are the tag (last word): order falls to the given names.
    expect(seen).toEqual(['Will Dunn', 'Xena Carter', 'Yuri Baker', 'Zoe Adams'].map((name) => `${name} ${tag}`));
    expect((await app.request('GET', '/api/correspondents?cursor=zz', { token: producer })).status).toBe(400);
  });
});
