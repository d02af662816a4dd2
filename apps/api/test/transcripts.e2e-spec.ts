import {
  ParseTranscriptResponseSchema,
  PublicPersonSchema,
  PublicStorySchema,
  StorySchema,
  transcriptToText,
  type ParseTranscriptResponse,
  type ParsedTurn,
  type Story,
} from '@newsdesk/contracts';
import { MOSCOW_TRANSCRIPT } from '../src/database/demo-transcripts.js';
import { startTestApp, type TestApp } from './support/app.js';

/** Transcripts end to end over HTTP: import, save with the story, publish, public render, search, speakers, merge. */
let app: TestApp;
let editor: string;
let people: { kim: Person; trump: Person; lavrov: Person };
interface Person {
  id: string;
  slug: string;
  displayName: string;
  version: number;
}

const unique = () => Math.random().toString(36).slice(2, 8);

async function person(body: Record<string, unknown>): Promise<Person> {
  const response = await app.request('POST', '/api/people', { token: editor, body });
  expect(response.status).toBe(201);
  return response.body;
}

async function parse(text: string): Promise<ParseTranscriptResponse> {
  const response = await app.request('POST', '/api/transcripts/parse', { token: editor, body: { text } });
  expect(response.status).toBe(200);
  return ParseTranscriptResponseSchema.parse(response.body);
}

async function createStory(fields: Record<string, unknown> = {}): Promise<Story> {
  const response = await app.request('POST', '/api/stories', {
    token: editor,
    body: { headline: `Transcript story ${unique()}`, bylineIds: [app.bylineId], ...fields },
  });
  expect(response.status).toBe(201);
  return StorySchema.parse(response.body);
}

async function publish(story: Story): Promise<Story> {
  const response = await app.request('POST', `/api/stories/${story.id}/publish`, { token: editor, body: { version: story.version } });
  expect(response.status).toBe(200);
  return response.body;
}

const labels = (turns: Array<{ label: string } | { cue: string }>) => turns.map((turn) => ('cue' in turn ? `(${turn.cue})` : turn.label));
const publicStory = async (slug: string) => PublicStorySchema.parse((await app.request('GET', `/api/public/stories/${slug}`)).body);

beforeAll(async () => {
  // No outbox worker: its story.published notification would clear the public cache at a moment of its own.
  app = await startTestApp({ OUTBOX_WORKER: 'false' });
  editor = (await app.signIn(['editor'])).token;
  people = {
    kim: await person({ displayName: 'Lucian Kim' }),
    trump: await person({ displayName: 'Donald Trump', labelTitle: 'PRESIDENT' }),
    lavrov: await person({ displayName: 'Sergey Lavrov', aliases: ['Sergei Lavrov'] }),
  };
});
afterAll(async () => {
  await app?.close();
});

describe('POST /api/transcripts/parse', () => {
  it('reads the seed-structured transcript: every label matched, the annotation-only turn, the credit apart', async () => {
    const parsed = await parse(MOSCOW_TRANSCRIPT);
    expect(parsed.unresolved).toEqual([]);
    expect(parsed.credit).toBe('Transcript provided by the Newsdesk demo newsroom.');
    expect(parsed.turns.map((turn) => ('cue' in turn ? turn.cue : [turn.label, turn.personId, turn.role, turn.title]))).toEqual([
      ['LUCIAN KIM, BYLINE', people.kim.id, 'BYLINE', null],
      ['PRESIDENT DONALD TRUMP', people.trump.id, null, 'PRESIDENT'],
      ['KIM', people.kim.id, null, null],
      ['KIM', people.kim.id, null, null],
      ['SERGEY LAVROV', people.lavrov.id, null, null],
      ['KIM', people.kim.id, null, null],
    ]);
    expect(parsed.turns[4]).toMatchObject({ annotation: 'Speaking Russian', text: '' });
    expect(JSON.stringify(parsed.turns)).not.toContain('Transcript provided');
  });

  it('lists an unknown speaker once with all their turns, suggesting a close registry spelling', async () => {
    const parsed = await parse(
      'NADIA PETROVA, BYLINE: First words.\n\nSERGEI LAVROFF: (Through interpreter) We agree.\n\nPETROVA: Later words.',
    );
    expect(parsed.unresolved).toEqual([
      { label: 'NADIA PETROVA, BYLINE', turnIndexes: [0, 2], suggestions: [] },
      {
        label: 'SERGEI LAVROFF',
        turnIndexes: [1],
        suggestions: [{ id: people.lavrov.id, slug: people.lavrov.slug, displayName: 'Sergey Lavrov' }],
      },
    ]);
  });

  it('answers text that is not a transcript with one unattributed turn, and refuses empty text or unknown fields', async () => {
    const parsed = await parse('Just a note from the desk: call the Moscow bureau at 10.\nNothing else.');
    expect(parsed.turns).toHaveLength(1);
    expect(parsed.turns[0]).toMatchObject({ label: null, personId: null, flags: expect.arrayContaining(['not-a-transcript']) });
    expect((await app.request('POST', '/api/transcripts/parse', { token: editor, body: { text: '   ' } })).status).toBe(400);
    const extra = await app.request('POST', '/api/transcripts/parse', { token: editor, body: { text: 'A: b', storyId: 'x' } });
    expect(extra.status).toBe(400);
  });
});

describe('a story with a transcript', () => {
  it('parse -> save -> publish -> public render: "LUCIAN KIM, BYLINE" first, then "KIM"; transcript.txt; staff view', async () => {
    const parsed = await parse(MOSCOW_TRANSCRIPT);
    const story = await createStory({ transcript: { turns: parsed.turns }, credit: parsed.credit });
    expect(story.transcript.turns).toHaveLength(6);
    expect(story.transcript.turns[0]).toMatchObject({
      personId: people.kim.id,
      role: 'BYLINE',
      renderedLabel: 'LUCIAN KIM, BYLINE',
      label: 'LUCIAN KIM, BYLINE',
      person: {
        id: people.kim.id,
        displayName: 'Lucian Kim',
        familyName: 'Kim',
        givenName: 'Lucian',
        slug: people.kim.slug,
        isStaff: false,
      },
    });
    expect(await app.request('GET', `/api/public/stories/${story.slug}/transcript.txt`)).toMatchObject({ status: 404 });

    const live = await publish(story);
    const shown = await publicStory(live.slug);
    expect(labels(shown.transcript.turns)).toEqual(['LUCIAN KIM, BYLINE', 'PRESIDENT DONALD TRUMP', 'KIM', 'KIM', 'SERGEY LAVROV', 'KIM']);
    expect(shown.transcript.turns[4]).toEqual({
      label: 'SERGEY LAVROV',
      speaker: { name: 'Sergey Lavrov', slug: people.lavrov.slug },
      annotation: 'Speaking Russian',
      text: '',
    });
    expect(shown.transcript.turns[2]).toMatchObject({ speaker: { name: 'Lucian Kim', slug: people.kim.slug }, annotation: null });

    const txt = await app.request('GET', `/api/public/stories/${live.slug}/transcript.txt`);
    expect(txt.status).toBe(200);
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(txt.headers.get('cache-control')).toMatch(/^public, max-age=60/);
    expect(txt.text).toBe(transcriptToText(shown.transcript.turns, shown.credit));
    expect(txt.text.startsWith('LUCIAN KIM, BYLINE: The new American president')).toBe(true);
    expect(txt.text).toContain('\n\nSERGEY LAVROV: (Speaking Russian).\n\n');
    expect(txt.text.endsWith('Lucian Kim, Newsdesk News, Moscow.\n\nTranscript provided by the Newsdesk demo newsroom.\n')).toBe(true);
    // Pasting the public text back reads the same turns.
    const again = await parse(txt.text);
    expect(again.turns.map((turn) => ('cue' in turn ? turn : [turn.personId, turn.text]))).toEqual(
      parsed.turns.map((turn) => ('cue' in turn ? turn : [turn.personId, turn.text])),
    );
    const revalidated = await app.request('GET', `/api/public/stories/${live.slug}/transcript.txt`, {
      headers: { 'if-none-match': txt.headers.get('etag')! },
    });
    expect(revalidated.status).toBe(304);
  });

  it('saves cues, unidentified speakers and free labels; numbering and roles by the convention', async () => {
    const story = await createStory({
      transcript: {
        turns: [
          { cue: 'SOUNDBITE OF MUSIC' },
          { personId: people.trump.id, role: 'HOST', text: 'Good morning.' },
          { personId: null, unidentified: { descriptor: 'MAN', number: 1 }, text: 'One.' },
          { personId: null, unidentified: { descriptor: 'MAN', number: 2 }, text: 'Two.' },
          { personId: null, unidentified: { descriptor: 'MAN', number: 1 }, text: 'One again.' },
          { personId: null, unidentified: { descriptor: 'WOMAN' }, annotation: 'Through interpreter', text: 'Three.' },
          { personId: null, label: 'CROWD', text: 'Four!' },
          { personId: people.trump.id, text: 'Bye.' },
        ],
      },
    });
    expect(story.transcript.turns.map((turn) => ('cue' in turn ? `(${turn.cue})` : turn.renderedLabel))).toEqual([
      '(SOUNDBITE OF MUSIC)',
      'DONALD TRUMP, HOST',
      'UNIDENTIFIED MAN #1',
      'UNIDENTIFIED MAN #2',
      'UNIDENTIFIED MAN #1',
      'UNIDENTIFIED WOMAN',
      'CROWD',
      'TRUMP',
    ]);
    const live = await publish(story);
    const txt = (await app.request('GET', `/api/public/stories/${live.slug}/transcript.txt`)).text;
    expect(txt).toBe(
      '(SOUNDBITE OF MUSIC)\n\nDONALD TRUMP, HOST: Good morning.\n\nUNIDENTIFIED MAN #1: One.\n\nUNIDENTIFIED MAN #2: Two.\n\nUNIDENTIFIED MAN #1: One again.\n\nUNIDENTIFIED WOMAN: (Through interpreter) Three.\n\nCROWD: Four!\n\nTRUMP: Bye.\n',
    );
  });

  it('refuses a bad turn with 400 naming it', async () => {
    const story = await createStory();
    const ghost = '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d';
    const unknown = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: {
        version: story.version,
        transcript: {
          turns: [
            { personId: people.kim.id, text: 'Hi.' },
            { personId: ghost, text: 'Who?' },
          ],
        },
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'transcript.turns.1.personId', message: expect.stringContaining(ghost) }]);

    const invalid = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: {
        version: story.version,
        transcript: {
          turns: [{ cue: 'MUSIC' }, { personId: people.kim.id, role: 'by line!', text: 'x' }, { personId: null, text: 'nobody' }],
        },
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'transcript.turns.1.role',
      'transcript.turns.2.personId',
    ]);
    expect((await app.request('GET', `/api/stories/${story.id}`, { token: editor })).body).toMatchObject({
      version: 1,
      transcript: { turns: [] },
    });
  });

  it('is part of the story version: a stale transcript save is a 409 naming the transcript', async () => {
    const story = await createStory();
    const first = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: 1, transcript: { turns: [{ personId: people.kim.id, role: 'BYLINE', text: 'Mine.' }] } },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: 1, transcript: { turns: [{ personId: people.trump.id, text: 'Theirs.' }] } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, changedFields: ['transcript'] });
    const kept = StorySchema.parse((await app.request('GET', `/api/stories/${story.id}`, { token: editor })).body);
    expect(kept.transcript.turns).toMatchObject([{ personId: people.kim.id, text: 'Mine.' }]);
    // Sending the same turns back (as the staff story gave them) changes nothing: no new revision.
    const same = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: 2, transcript: { turns: kept.transcript.turns } },
    });
    expect(same.status).toBe(200);
    const revisions = (await app.request('GET', `/api/stories/${story.id}/revisions`, { token: editor })).body.items;
    expect(revisions).toHaveLength(2);
    expect(revisions[0].changedFields).toEqual(['transcript']);
    // Someone edits the teaser; a transcript save on the older version names only the teaser as changed.
    await app.request('PATCH', `/api/stories/${story.id}`, { token: editor, body: { version: 3, teaser: 'Theirs.' } });
    const late = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: 3, transcript: { turns: [{ personId: people.trump.id, text: 'Late.' }] } },
    });
    expect(late.body).toMatchObject({ status: 409, currentVersion: 4, changedFields: ['teaser'] });
  });

  it('keeps the transcript in revisions; restoring one puts its turns and labels back; the audit counts turns', async () => {
    const story = await createStory({
      transcript: {
        turns: [
          { personId: people.kim.id, role: 'BYLINE', text: 'Version one.' },
          { personId: people.kim.id, text: 'More.' },
        ],
      },
    });
    const edited = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: 1, transcript: { turns: [{ cue: 'LAUGHTER' }] } },
    });
    expect(edited.body.transcript.turns).toEqual([{ cue: 'LAUGHTER' }]);
    const revision = (await app.request('GET', `/api/stories/${story.id}/revisions/1`, { token: editor })).body;
    expect(revision.snapshot.transcript.turns).toHaveLength(2);
    const diff = (await app.request('GET', `/api/stories/${story.id}/revisions/diff?from=1&to=2`, { token: editor })).body;
    expect(diff.fields.map((f: { field: string }) => f.field)).toEqual(['transcript']);
    expect(diff.fields[0].words).toEqual(
      expect.arrayContaining([
        [-1, expect.stringContaining('LUCIAN KIM, BYLINE: Version one.')],
        [1, expect.stringContaining('(LAUGHTER)')],
      ]),
    );

    const restored = await app.request('POST', `/api/stories/${story.id}/revisions/1/restore`, { token: editor, body: { version: 2 } });
    expect(restored.status).toBe(200);
    expect(restored.body.transcript.turns.map((t: { renderedLabel: string }) => t.renderedLabel)).toEqual(['LUCIAN KIM, BYLINE', 'KIM']);
    const admin = (await app.signIn(['admin'])).token;
    const log = (await app.request('GET', `/api/audit?entityId=${story.id}&action=update`, { token: admin })).body.items;
    expect(log[0].diff.transcript).toEqual([
      { turns: 2, speakers: 1 },
      { turns: 1, speakers: 0 },
    ]);
  });

  it('makes transcript words searchable (staff and public) and feeds tag suggestions', async () => {
    const word = `zanzibarite${unique().replace(/\d/g, 'q')}`;
    const story = await createStory({
      transcript: { turns: [{ personId: people.lavrov.id, text: `We discussed the ${word} question at length.` }] },
    });
    const row = (await app.db.query(`SELECT transcript_text FROM stories WHERE id = $1`, [story.id]))[0];
    expect(row.transcript_text).toBe(`SERGEY LAVROV: We discussed the ${word} question at length.\n`);
    const staff = await app.request('GET', `/api/stories?q=${word}`, { token: editor });
    expect(staff.body.items.map((item: { id: string }) => item.id)).toEqual([story.id]);
    expect((await app.request('GET', `/api/public/search?q=${word}`)).body.items).toEqual([]);
    await publish(story);
    const found = (await app.request('GET', `/api/public/search?q=${word}`)).body.items;
    expect(found.map((item: { slug: string }) => item.slug)).toEqual([story.slug]);
    expect(found[0].snippet).toContain(`<mark>${word}</mark>`);

    const tag = (
      await app.request('POST', '/api/tags', { token: editor, body: { name: `Zanzibar ${unique()}`, type: 'topic', aliases: [word] } })
    ).body;
    const suggestions = (await app.request('POST', `/api/stories/${story.id}/tag-suggestions`, { token: editor })).body;
    expect(suggestions.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          tag: expect.objectContaining({ id: tag.id }),
          matches: [{ source: 'transcript', term: word, count: 1 }],
        }),
      ]),
    );
  });
});

describe('speakers', () => {
  it('a public person page lists only the published stories they speak in, with their turn counts', async () => {
    const newsmaker = await person({ displayName: `Maria Zakharova ${unique()}`, affiliation: 'Foreign Ministry spokeswoman' });
    expect((await app.request('GET', `/api/public/people/${newsmaker.slug}`)).status).toBe(404);
    const turns = [
      { personId: newsmaker.id, text: 'One.' },
      { personId: people.kim.id, text: 'Two.' },
      { personId: newsmaker.id, text: 'Three.' },
    ];
    const draft = await createStory({ transcript: { turns } });
    expect((await app.request('GET', `/api/public/people/${newsmaker.slug}`)).status).toBe(404);
    const live = await publish(await createStory({ transcript: { turns } }));
    const scheduled = await createStory({ transcript: { turns: [{ personId: newsmaker.id, text: 'Later.' }] } });
    await app.request('POST', `/api/stories/${scheduled.id}/publish`, {
      token: editor,
      body: { version: 1, publishAt: new Date(Date.now() + 86_400_000).toISOString() },
    });

    const page = PublicPersonSchema.parse((await app.request('GET', `/api/public/people/${newsmaker.slug}`)).body);
    expect(page.stories.map((s) => [s.slug, s.turnCount])).toEqual([[live.slug, 2]]);
    expect(page.storyCount).toBe(1);
    expect(JSON.stringify(page)).not.toContain(draft.slug);

    await app.request('POST', `/api/stories/${live.id}/unpublish`, { token: editor, body: { version: live.version } });
    expect((await app.request('GET', `/api/public/people/${newsmaker.slug}`)).status).toBe(404);
  });

  it('merging people moves their turns and renders the labels again; the merged id still works afterwards', async () => {
    const twin = await person({ displayName: 'Lucian Kim', slug: `lucian-kim-${unique()}` });
    const story = await createStory({
      transcript: {
        turns: [
          { personId: people.kim.id, role: 'BYLINE', text: 'Intro.' },
          { personId: people.trump.id, title: 'PRESIDENT', text: 'Quote.' },
          { personId: twin.id, text: 'Middle.' },
          { personId: people.kim.id, text: 'End.' },
        ],
      },
    });
    expect(story.transcript.turns.map((t) => ('cue' in t ? t.cue : t.renderedLabel))).toEqual([
      'LUCIAN KIM, BYLINE',
      'PRESIDENT DONALD TRUMP',
      'LUCIAN KIM',
      'LUCIAN KIM',
    ]);
    const live = await publish(story);
    expect(labels((await publicStory(live.slug)).transcript.turns)).toEqual([
      'LUCIAN KIM, BYLINE',
      'PRESIDENT DONALD TRUMP',
      'LUCIAN KIM',
      'LUCIAN KIM',
    ]);

    const merged = await app.request('POST', `/api/people/${twin.id}/merge`, {
      token: editor,
      body: { intoId: people.kim.id, version: twin.version },
    });
    expect(merged.status).toBe(200);
    people.kim = merged.body;
    expect(labels((await publicStory(live.slug)).transcript.turns)).toEqual(['LUCIAN KIM, BYLINE', 'PRESIDENT DONALD TRUMP', 'KIM', 'KIM']);
    const staff = StorySchema.parse((await app.request('GET', `/api/stories/${story.id}`, { token: editor })).body);
    expect(staff.version).toBe(live.version);
    expect(staff.transcript.turns.map((t) => ('cue' in t ? null : t.personId))).toEqual([
      people.kim.id,
      people.trump.id,
      people.kim.id,
      people.kim.id,
    ]);
    expect((await app.db.query(`SELECT transcript_text FROM stories WHERE id = $1`, [story.id]))[0].transcript_text).toContain(
      '\n\nKIM: Middle.',
    );

    // An editor who still had the duplicate in their form saves: the turn lands on the survivor.
    const saved = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: staff.version, transcript: { turns: [{ personId: twin.id, role: 'BYLINE', text: 'Rewritten.' }] } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.transcript.turns).toMatchObject([{ personId: people.kim.id, renderedLabel: 'LUCIAN KIM, BYLINE' }]);
  });

  it('renaming a person renders their labels again, in the public story and its search text', async () => {
    const reporter = await person({ displayName: 'Ann Smith' });
    const story = await publish(
      await createStory({
        transcript: {
          turns: [
            { personId: reporter.id, role: 'BYLINE', text: 'Hello.' },
            { personId: reporter.id, text: 'Bye.' },
          ],
        },
      }),
    );
    expect(labels((await publicStory(story.slug)).transcript.turns)).toEqual(['ANN SMITH, BYLINE', 'SMITH']);
    const renamed = await app.request('PATCH', `/api/people/${reporter.id}`, {
      token: editor,
      body: { version: reporter.version, displayName: 'Ann Smith-Jones', familyName: 'Smith-Jones' },
    });
    expect(renamed.status).toBe(200);
    const shown = await publicStory(story.slug);
    expect(labels(shown.transcript.turns)).toEqual(['ANN SMITH-JONES, BYLINE', 'SMITH-JONES']);
    expect(shown.transcript.turns[0]).toMatchObject({ speaker: { name: 'Ann Smith-Jones' } });
    expect((await app.request('GET', `/api/public/stories/${story.slug}/transcript.txt`)).text).toBe(
      'ANN SMITH-JONES, BYLINE: Hello.\n\nSMITH-JONES: Bye.\n',
    );
  });
});

describe('concurrency', () => {
  it('story saves racing renames of their speakers neither deadlock nor leave a stale label', async () => {
    const speaker = await person({ displayName: 'Pat Racer' });
    let version = speaker.version;
    const stories = await Promise.all([1, 2, 3].map(() => createStory()));
    const versions = stories.map((story) => story.version);
    for (let round = 0; round < 8; round++) {
      const name = `Pat Racer${'x'.repeat(round + 1)}`;
      const saves = stories.map((story, i) =>
        app.request('PATCH', `/api/stories/${story.id}`, {
          token: editor,
          body: {
            version: versions[i],
            transcript: {
              turns: [
                { personId: speaker.id, role: 'BYLINE', text: `Round ${round}.` },
                { personId: people.kim.id, text: 'And me.' },
              ],
            },
          },
        }),
      );
      const rename = app.request('PATCH', `/api/people/${speaker.id}`, {
        token: editor,
        body: { version, displayName: name, familyName: name.split(' ')[1] },
      });
      const results = await Promise.all([...saves, rename]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      results.slice(0, 3).forEach((r, i) => {
        versions[i] = r.body.version;
      });
      version = results[3]!.body.version;
      for (const story of stories) {
        const turns = StorySchema.parse((await app.request('GET', `/api/stories/${story.id}`, { token: editor })).body).transcript.turns;
        expect(turns.map((t) => ('cue' in t ? null : t.renderedLabel))[0]).toBe(`${name.toUpperCase()}, BYLINE`);
        const [{ transcript_text: text }] = await app.db.query(`SELECT transcript_text FROM stories WHERE id = $1`, [story.id]);
        expect(text).toBe(`${name.toUpperCase()}, BYLINE: Round ${round}.\n\nLUCIAN KIM: And me.\n`);
      }
    }
  });
});

describe('the public cache', () => {
  async function eventually(read: () => Promise<string>, expected: string) {
    let value = '';
    for (let i = 0; i < 50; i++) {
      value = await read();
      if (value === expected) return value;
      await new Promise((done) => setTimeout(done, 20));
    }
    return value;
  }

  it('drops a cached story when its turns or a speaker change in the database', async () => {
    const speaker = await person({ displayName: `Olga ${unique()} Petrova` });
    const story = await publish(
      await createStory({ transcript: { turns: [{ personId: speaker.id, text: 'Words.' } satisfies Partial<ParsedTurn>] } }),
    );
    const path = `/api/public/stories/${story.slug}`;
    // The publish's own notification may still be on its way: warm until a hit, then it stays one.
    const cached = async () => (await app.request('GET', path)).headers.get('x-cache') ?? '';
    expect(await eventually(cached, 'hit')).toBe('hit');
    await new Promise((done) => setTimeout(done, 100));
    expect(await cached()).toBe('hit');

    await app.db.query(`UPDATE transcript_turns SET text = 'Changed words.' WHERE story_id = $1`, [story.id]);
    const text = async () => (await app.request('GET', path)).body.transcript.turns[0].text as string;
    expect(await eventually(text, 'Changed words.')).toBe('Changed words.');

    await app.db.query(`UPDATE people SET slug = $2 WHERE id = $1`, [speaker.id, `olga-${unique()}`]);
    const [{ slug }] = await app.db.query(`SELECT slug FROM people WHERE id = $1`, [speaker.id]);
    const speakerSlug = async () => (await app.request('GET', path)).body.transcript.turns[0].speaker.slug as string;
    expect(await eventually(speakerSlug, slug)).toBe(slug);
  });
});
