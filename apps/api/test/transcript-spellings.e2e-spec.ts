import { parseDocument, DomUtils } from 'htmlparser2';
import { WebVTTParser } from 'webvtt-parser';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, word } from './support/desk.js';
import { createProgram } from './support/schedule.js';

/**
 * The "(ph)" desk (issue 19 item 4) over HTTP against a real PostgreSQL: import turns "Name (ph)"
 * into an unverified span; spans are checked on save (400 naming the field); verification is
 * recorded by the API (who, when, the source note), never taken from the client; the desk queue
 * lists unverified spellings across stories (newest edit first, by program, keyset pages); the
 * newsroom setting blocks publishing or lets "(ph)" print; public outputs print exactly "(ph)" and
 * nothing of the span structure. Also transcript.html's semantics, read by htmlparser2, and the
 * speaker suggestions of an import made for a story (its program's remembered mappings, its
 * bylines, the program's hosts).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

let app: TestApp;
let editor: { token: string; userId: string };
let admin: string;
let producer: string;
let desk: Desk;
let speaker: { id: string };
let program: { id: string };
let otherProgram: { id: string };

beforeAll(async () => {
  app = await startTestApp({ OUTBOX_WORKER: 'false' });
  editor = await app.signIn(['editor']);
  admin = (await app.signIn(['admin'])).token;
  producer = (await app.signIn(['producer'])).token;
  desk = new Desk(app, editor.token);
  speaker = await desk.person(`Nora ${word('Quill').replace(/^q/, 'Q')}`);
  program = await createProgram(app, admin);
  otherProgram = await createProgram(app, admin);
});
afterAll(async () => {
  // The setting is newsroom-wide: leave it as the migration made it.
  const settings = (await app.request('GET', '/api/settings', { token: admin })).body;
  if (settings?.unverifiedSpellings !== 'render')
    await app.request('PATCH', '/api/settings', { token: admin, body: { unverifiedSpellings: 'render', version: settings.version } });
  await app?.close();
});

const TEXT = 'We spoke to Anatoly Lavroff in Moscow and to Mr. Dzhugan about it.';
const LAVROFF = { at: TEXT.indexOf('Anatoly'), end: TEXT.indexOf(' in Moscow') };
const DZHUGAN = { at: TEXT.indexOf('Dzhugan'), end: TEXT.indexOf(' about') };

const turn = (spellings: unknown[], text = TEXT) => ({ ...Desk.turn(speaker.id, text), spellings });

async function storyWith(spellings: unknown[], fields: Record<string, unknown> = {}): Promise<Body> {
  return desk.story({ headline: `Names ${word()}`, transcript: { turns: [turn(spellings)] }, ...fields });
}

const fieldsOf = (response: { body: Body }) => (response.body.errors ?? []).map((e: Body) => e.field);

async function setRule(rule: 'render' | 'block') {
  const current = (await app.request('GET', '/api/settings', { token: admin })).body;
  const response = await app.request('PATCH', '/api/settings', {
    token: admin,
    body: { unverifiedSpellings: rule, version: current.version },
  });
  expect(response.status).toBe(200);
  expect(response.body.unverifiedSpellings).toBe(rule);
}

describe('import', () => {
  it('turns "Name (ph)" into an unverified span over the name and takes the mark out of the text', async () => {
    const response = await app.request('POST', '/api/transcripts/parse', {
      token: editor.token,
      body: { text: `NORA QUILL, HOST: We spoke to Anatoly Lavroff (ph) in Moscow and to Mr. Dzhugan (ph) about it.` },
    });
    expect(response.status).toBe(200);
    const [first] = response.body.turns;
    expect(first.text).toBe(TEXT);
    expect(first.spellings).toEqual([
      { ...LAVROFF, verified: false, note: null, verifiedBy: null, verifiedByName: null, verifiedAt: null },
      { ...DZHUGAN, verified: false, note: null, verifiedBy: null, verifiedByName: null, verifiedAt: null },
    ]);
    expect(first.unverifiedSpellings).toEqual(['Anatoly Lavroff', 'Dzhugan']);
  });

  it('keeps the sentence marks of a timed file on their words when the "(ph)" leaves the text', async () => {
    const vtt = `WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Nora Quill>We met Ivan Petroff (ph) today.\n\n00:00:03.000 --> 00:00:05.000\n<v Nora Quill>He said hello.\n`;
    const response = await app.request('POST', '/api/transcripts/parse', { token: editor.token, body: { text: vtt, format: 'vtt' } });
    expect(response.status).toBe(200);
    const [first] = response.body.turns;
    expect(first.text).toBe('We met Ivan Petroff today. He said hello.');
    expect(first.spellings).toMatchObject([{ at: 7, end: 19, verified: false }]);
    expect(first.marks).toEqual([{ at: first.text.indexOf('He said'), ms: 3000 }]);
  });
});

describe('spans on save', () => {
  it.each([
    ['an end past the text', [{ at: 0, end: TEXT.length + 1 }], 'transcript.turns.0.spellings.0.end'],
    ['an end before the start', [{ at: 10, end: 5 }], 'transcript.turns.0.spellings.0.end'],
    ['an empty span', [{ at: 10, end: 10 }], 'transcript.turns.0.spellings.0.end'],
    ['overlapping spans', [LAVROFF, { at: LAVROFF.at + 3, end: LAVROFF.end + 3 }], 'transcript.turns.0.spellings.1.at'],
    ['spans out of order', [DZHUGAN, LAVROFF], 'transcript.turns.0.spellings.1.at'],
    ['a blank span', [{ at: TEXT.indexOf(' in'), end: TEXT.indexOf(' in') + 1 }], 'transcript.turns.0.spellings.0.at'],
    ['a negative start', [{ at: -1, end: 4 }], 'transcript.turns.0.spellings.0.at'],
    ['a fractional offset', [{ at: 1.5, end: 4 }], 'transcript.turns.0.spellings.0.at'],
    ['a string offset', [{ at: '3', end: 4 }], 'transcript.turns.0.spellings.0.at'],
    ['a note of 301 characters', [{ ...LAVROFF, note: 'x'.repeat(301) }], 'transcript.turns.0.spellings.0.note'],
    ['a NUL in the note', [{ ...LAVROFF, note: 'a\u0000b' }], 'transcript.turns.0.spellings.0.note'],
    ['verified as a string', [{ ...LAVROFF, verified: 'yes' }], 'transcript.turns.0.spellings.0.verified'],
    ['not a list', { at: 0, end: 3 }, 'transcript.turns.0.spellings'],
  ])('refuses %s with a 400 naming the field', async (_name, spellings, field) => {
    const response = await app.request('POST', '/api/stories', {
      token: editor.token,
      body: { headline: 'Bad span', bylineIds: [app.bylineId], transcript: { turns: [turn(spellings as unknown[])] } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(response)).toContain(field);
  });

  it('refuses a span on a later turn that lies outside that turn, naming its index', async () => {
    const response = await app.request('POST', '/api/stories', {
      token: editor.token,
      body: {
        headline: 'Bad span',
        bylineIds: [app.bylineId],
        transcript: { turns: [turn([LAVROFF]), { cue: 'LAUGHTER' }, turn([{ at: 3, end: 9 }], 'Short.')] },
      },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['transcript.turns.2.spellings.0.end']);
  });

  it('stores spans, shows them to staff only, and prints "(ph)" after each unverified one in every public output', async () => {
    const note = word('source');
    const story = await storyWith([LAVROFF, { ...DZHUGAN, verified: true, note }]);
    const staff = await desk.call('GET', `/api/stories/${story.id}`);
    expect(staff.transcript.turns[0].spellings).toEqual([
      { ...LAVROFF, verified: false, note: null, verifiedBy: null, verifiedByName: null, verifiedAt: null },
      { ...DZHUGAN, verified: true, note, verifiedBy: editor.userId, verifiedByName: expect.any(String), verifiedAt: expect.any(String) },
    ]);
    const live = await desk.publish(story);
    expect(live.status).toBe('published');
    const slug = live.slug;
    const json = await app.request('GET', `/api/public/stories/${slug}`);
    expect(json.body.transcript.turns[0].text).toBe('We spoke to Anatoly Lavroff (ph) in Moscow and to Mr. Dzhugan about it.');
    const outputs = await Promise.all(
      ['', '/transcript.txt', '/transcript.html'].map((suffix) => app.request('GET', `/api/public/stories/${slug}${suffix}`)),
    );
    for (const output of outputs) {
      expect(output.status).toBe(200);
      expect(output.text).toContain('Anatoly Lavroff (ph) in Moscow');
      expect(output.text).not.toContain('Dzhugan (ph)');
      for (const internal of ['spellings', 'verifiedBy', 'verifiedAt', note, editor.userId]) expect(output.text).not.toContain(internal);
    }
    const search = await app.request('GET', `/api/public/search?q=Lavroff`);
    expect(JSON.stringify(search.body)).not.toContain(note);
  });

  it('records who verified a spelling and when; a client cannot forge it, and saving again keeps the record', async () => {
    const story = await storyWith([
      { ...LAVROFF, verified: true, verifiedBy: 'someone else', verifiedByName: 'Forged', verifiedAt: '2001-01-01T00:00:00Z' },
    ]);
    const first = (await desk.call('GET', `/api/stories/${story.id}`)).transcript.turns[0].spellings[0];
    expect(first).toMatchObject({ verified: true, verifiedBy: editor.userId });
    expect(first.verifiedByName).not.toBe('Forged');
    expect(Date.parse(first.verifiedAt)).toBeGreaterThan(Date.parse('2020-01-01'));
    // The same spelling moved by an edit before it (the staff turns sent back with new text): same record, no new verification.
    const moved = `Today: ${TEXT}`;
    const shift = 'Today: '.length;
    const edited = await desk.edit(story, {
      transcript: { turns: [turn([{ ...first, at: first.at + shift, end: first.end + shift }], moved)] },
    });
    const again = (await desk.call('GET', `/api/stories/${story.id}`)).transcript.turns[0].spellings[0];
    expect(again).toEqual({ ...first, at: first.at + shift, end: first.end + shift });
    // Sending the staff turns back as they are (verification fields included) keeps the record as it is.
    const staff = await desk.call('GET', `/api/stories/${story.id}`);
    await desk.edit(edited, { transcript: staff.transcript });
    expect((await desk.call('GET', `/api/stories/${story.id}`)).transcript.turns[0].spellings).toEqual([again]);
  });
});

describe('the desk queue', () => {
  it('lists unverified spellings across stories, newest edit first, by program, in keyset pages', async () => {
    const a = await storyWith([LAVROFF], { programId: program.id });
    const verified = await storyWith([{ ...LAVROFF, verified: true }], { programId: program.id });
    const b = await storyWith([LAVROFF, DZHUGAN], { programId: otherProgram.id });
    const page = await desk.call('GET', `/api/transcripts/spellings?limit=100`);
    const ids = page.items.map((item: Body) => item.storyId);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids.indexOf(a.id)).toBeGreaterThanOrEqual(0);
    expect(ids).not.toContain(verified.id);
    const itemB = page.items.find((item: Body) => item.storyId === b.id);
    expect(itemB).toMatchObject({ headline: b.headline, status: 'draft', program: { id: otherProgram.id } });
    expect(itemB.spellings).toEqual([
      {
        position: 0,
        label: expect.any(String),
        ...LAVROFF,
        spelling: 'Anatoly Lavroff',
        before: 'We spoke to ',
        after: TEXT.slice(LAVROFF.end),
      },
      { position: 0, label: expect.any(String), ...DZHUGAN, spelling: 'Dzhugan', before: TEXT.slice(0, DZHUGAN.at), after: ' about it.' },
    ]);
    const byProgram = await desk.call('GET', `/api/transcripts/spellings?program=${program.id}`);
    expect(byProgram.items.map((item: Body) => item.storyId)).toEqual([a.id]);

    // Keyset pages of one story each walk the same list without gaps or repeats.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Body = await desk.call('GET', `/api/transcripts/spellings?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...next.items.map((item: Body) => item.storyId));
      cursor = next.nextCursor;
    } while (cursor);
    expect(walked).toEqual(ids);

    // Verifying the spelling (a story save) takes the story off the desk.
    await desk.edit(a, { transcript: { turns: [turn([{ ...LAVROFF, verified: true, note: 'Agency style book' }])] } });
    const after = await desk.call('GET', `/api/transcripts/spellings?program=${program.id}`);
    expect(after.items).toEqual([]);
  });

  it('is for staff: producers read it, no session is a 401; bad query values are a 400 naming the field', async () => {
    expect((await app.request('GET', '/api/transcripts/spellings', { token: producer })).status).toBe(200);
    expect((await app.request('GET', '/api/transcripts/spellings')).status).toBe(401);
    for (const [query, field] of [
      ['program=nope', 'program'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['cursor=zz', 'cursor'],
      ['cursor=' + Buffer.from('["x","y"]').toString('hex'), 'cursor'],
      ['other=1', 'other'],
    ]) {
      const response = await app.request('GET', `/api/transcripts/spellings?${query}`, { token: editor.token });
      expect(response.status).toBe(400);
      expect(fieldsOf(response).join(' ')).toContain(field);
    }
  });
});

describe('the newsroom setting', () => {
  it('is read by staff and changed by admins only, versioned (409 when stale), bad values a 400 naming the field', async () => {
    const settings = await desk.call('GET', '/api/settings');
    expect(settings).toMatchObject({ unverifiedSpellings: 'render', version: expect.any(Number) });
    const asEditor = await app.request('PATCH', '/api/settings', {
      token: editor.token,
      body: { unverifiedSpellings: 'block', version: settings.version },
    });
    expect(asEditor.status).toBe(403);
    const stale = await app.request('PATCH', '/api/settings', { token: admin, body: { unverifiedSpellings: 'block', version: 999 } });
    expect(stale.status).toBe(409);
    for (const [body, field] of [
      [{ unverifiedSpellings: 'maybe', version: settings.version }, 'unverifiedSpellings'],
      [{ unverifiedSpellings: 'block' }, 'version'],
      [{ unverifiedSpellings: 'block', version: settings.version, extra: 1 }, 'extra'],
      [{ unverifiedSpellings: null, version: settings.version }, 'unverifiedSpellings'],
    ] as const) {
      const response = await app.request('PATCH', '/api/settings', { token: admin, body });
      expect(response.status).toBe(400);
      expect(fieldsOf(response).join(' ')).toContain(field);
    }
  });

  it('parallel changes at one version: one 200, the rest 409', async () => {
    const { version } = await desk.call('GET', '/api/settings');
    const responses = await Promise.all(
      ['block', 'render', 'block', 'render'].map((rule) =>
        app.request('PATCH', '/api/settings', { token: admin, body: { unverifiedSpellings: rule, version } }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    await setRule('render');
  });

  it('"block" refuses to publish while a spelling is unverified, naming the span; "render" publishes with "(ph)"', async () => {
    await setRule('block');
    try {
      const story = await storyWith([LAVROFF, DZHUGAN]);
      const refused = await app.request('POST', `/api/stories/${story.id}/publish`, {
        token: editor.token,
        body: { version: story.version },
      });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused)).toEqual(['transcript.turns.0.spellings.0', 'transcript.turns.0.spellings.1']);
      expect(refused.body.errors[0].message).toContain('Anatoly Lavroff');
      // Scheduling is a publication too.
      const future = new Date(Date.now() + 86_400_000).toISOString();
      const scheduled = await app.request('POST', `/api/stories/${story.id}/publish`, {
        token: editor.token,
        body: { version: story.version, publishAt: future },
      });
      expect(scheduled.status).toBe(400);
      const verified = await desk.edit(story, {
        transcript: {
          turns: [
            turn([
              { ...LAVROFF, verified: true },
              { ...DZHUGAN, verified: true },
            ]),
          ],
        },
      });
      const live = await desk.publish(verified);
      expect(live.status).toBe('published');
      expect((await app.request('GET', `/api/public/stories/${live.slug}`)).body.transcript.turns[0].text).toBe(TEXT);
    } finally {
      await setRule('render');
    }
    const other = await storyWith([LAVROFF]);
    const live = await desk.publish(other);
    expect((await app.request('GET', `/api/public/stories/${live.slug}`)).body.transcript.turns[0].text).toContain('Lavroff (ph) in');
  });
});

describe('public exports of a timed turn with an unverified spelling', () => {
  it('prints "(ph)" in VTT (valid for webvtt-parser), SRT and the Podcasting 2.0 JSON, with cues still cut at the sentence marks', async () => {
    const text = 'We met Ivan Petroff today. He said hello.';
    const story = await desk.story({
      headline: `Timed spellings ${word()}`,
      transcript: {
        turns: [
          {
            ...Desk.turn(speaker.id, text),
            startMs: 1000,
            endMs: 5000,
            marks: [{ at: text.indexOf('He'), ms: 3000 }],
            spellings: [{ at: 7, end: 19 }],
          },
        ],
      },
    });
    const live = await desk.publish(story);
    const vtt = await app.request('GET', `/api/public/stories/${live.slug}/transcript.vtt`);
    expect(vtt.status).toBe(200);
    const tree = new WebVTTParser().parse(vtt.text, 'metadata');
    expect(tree.errors).toEqual([]);
    expect(tree.cues.map((cue) => [cue.startTime, cue.endTime])).toEqual([
      [1, 3],
      [3, 5],
    ]);
    expect(vtt.text).toContain('>We met Ivan Petroff (ph) today.\n');
    const srt = await app.request('GET', `/api/public/stories/${live.slug}/transcript.srt`);
    expect(srt.text).toContain('We met Ivan Petroff (ph) today.');
    const json = await app.request('GET', `/api/public/stories/${live.slug}/transcript.json`);
    expect(json.body.segments.map((s: Body) => s.body)).toEqual(['We met Ivan Petroff (ph) today.', 'He said hello.']);
    expect(json.text).not.toContain('spellings');
  });
});

describe('transcript.html', () => {
  it('puts labels in <strong> and cues in <em>, escapes everything, and a real HTML parser reads it back', async () => {
    const nasty = `<script>alert(1)</script> & "quotes" (LAUGHTER) then more`;
    const story = await desk.story({
      headline: `Semantics <b>${word()}</b>`,
      credit: 'Transcript provided by <Newsdesk> & co.',
      transcript: {
        turns: [
          { ...Desk.turn(speaker.id, nasty), annotation: 'Speaking Russian' },
          { cue: 'SOUNDBITE OF MUSIC' },
          { ...Desk.turn(speaker.id, 'Second paragraph one.\n\nSecond paragraph two.'), spellings: [{ at: 0, end: 6 }] },
        ],
      },
    });
    const live = await desk.publish(story);
    const html = await app.request('GET', `/api/public/stories/${live.slug}/transcript.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const document = parseDocument(html.text);
    expect(DomUtils.getElementsByTagName('script', document)).toEqual([]);
    const strong = DomUtils.getElementsByTagName('strong', document).map((e) => DomUtils.textContent(e));
    const public_ = (await app.request('GET', `/api/public/stories/${live.slug}`)).body.transcript.turns;
    expect(strong).toEqual([`${public_[0].label}:`, `${public_[2].label}:`]);
    const em = DomUtils.getElementsByTagName('em', document).map((e) => DomUtils.textContent(e));
    expect(em).toEqual(['(LAUGHTER)', '(SOUNDBITE OF MUSIC)']);
    const paragraphs = DomUtils.getElementsByTagName('p', document).map((e) => DomUtils.textContent(e));
    expect(paragraphs).toEqual([
      `${public_[0].label}: (Speaking Russian) ${nasty}`,
      '(SOUNDBITE OF MUSIC)',
      `${public_[2].label}: Second (ph) paragraph one.`,
      'Second paragraph two.',
      'Transcript provided by <Newsdesk> & co.',
    ]);
    expect(DomUtils.textContent(DomUtils.getElementsByTagName('h1', document)[0]!)).toBe(live.headline);
  });
});

describe('speaker suggestions from the story an import is for', () => {
  const stt = JSON.stringify({
    segments: [
      { start: 0, end: 2, speaker: 'SPEAKER_00', text: 'Good morning.' },
      { start: 2, end: 4, speaker: 'SPEAKER_01', text: 'Thanks for having me.' },
    ],
  });
  const parse = (storyId?: string) =>
    app.request('POST', '/api/transcripts/parse', {
      token: editor.token,
      body: { text: stt, format: 'stt-json', ...(storyId ? { storyId } : {}) },
    });
  const suggested = (body: Body, label: string) =>
    body.unresolved.find((entry: Body) => entry.label === label).suggestions.map((p: Body) => p.displayName);

  it("offers the story's bylines and its program's hosts, then remembers what the editor mapped, per program", async () => {
    const hostName = `Rhea ${word('Host').replace(/^h/, 'H')}`;
    const guestName = `Gus ${word('Guest').replace(/^g/, 'G')}`;
    const host = await desk.person(hostName);
    const guest = await desk.person(guestName);
    const show = await createProgram(app, admin, { hosts: [hostName] });
    const byline = (await desk.call('GET', `/api/correspondents/${app.bylineId}`)) as Body;
    const first = await desk.story({ headline: `Show one ${word()}`, programId: show.id });

    expect(suggested((await parse()).body, 'SPEAKER_00')).toEqual([]);
    const before = (await parse(first.id)).body;
    expect(suggested(before, 'SPEAKER_00')).toEqual([byline.name, hostName]);

    // The editor maps SPEAKER_00 to the guest and SPEAKER_01 to the host, and saves.
    const [a, b] = before.turns;
    await desk.edit(first, {
      transcript: {
        turns: [
          { ...a, personId: guest.id },
          { ...b, personId: host.id },
          { ...Desk.turn(host.id, 'Rhea again.'), label: hostName.toUpperCase() },
        ],
      },
    });
    const memory = await app.db.query(`SELECT label, person_id FROM transcript_speaker_memory WHERE program_id = $1 ORDER BY label`, [
      show.id,
    ]);
    // A label that names its person (the host's own name) resolves by name anyway: not kept.
    expect(memory).toEqual([
      { label: 'SPEAKER_00', person_id: guest.id },
      { label: 'SPEAKER_01', person_id: host.id },
    ]);

    const next = await desk.story({ headline: `Show two ${word()}`, programId: show.id });
    const after = (await parse(next.id)).body;
    expect(suggested(after, 'SPEAKER_00')).toEqual([guestName, byline.name, hostName]);
    expect(suggested(after, 'SPEAKER_01')).toEqual([hostName, byline.name]);

    // Another program's story gets no memory of this one.
    const other = await desk.story({ headline: `Other show ${word()}`, programId: otherProgram.id });
    expect(suggested((await parse(other.id)).body, 'SPEAKER_00')).toEqual([byline.name]);
  });

  it('refuses a story id that is not one, naming storyId', async () => {
    for (const storyId of ['x', '00000000-0000-4000-8000-000000000000']) {
      const response = await app.request('POST', '/api/transcripts/parse', {
        token: editor.token,
        body: { text: stt, format: 'stt-json', storyId },
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toEqual(['storyId']);
    }
  });
});
