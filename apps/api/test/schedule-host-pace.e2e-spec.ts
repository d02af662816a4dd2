import { startTestApp, type TestApp } from './support/app.js';
import { createProgram, createSegment, createStation } from './support/schedule.js';

/**
 * Reading pace per host (issue 20 item 1, docs/schedule.md "Scripts"): a person's words per minute,
 * a rundown item's reader, and the item's reading time at the reader's pace when set, else the
 * program's. Bad values are refused naming the field.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

let app: TestApp;
let producer: string;
let editor: string;
beforeAll(async () => {
  app = await startTestApp();
  producer = (await app.signIn(['producer'])).token;
  editor = (await app.signIn(['editor'])).token;
});
afterAll(async () => {
  await app?.close();
});

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const person = async (displayName: string, extra: Record<string, unknown> = {}): Promise<Body> => {
  const response = await app.request('POST', '/api/people', { token: editor, body: { displayName, ...extra } });
  expect(response.status).toBe(201);
  return response.body;
};
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

describe('a host’s reading pace', () => {
  it('is stored on the person (60-400, or null), and times the items they read; others read at the program’s pace', async () => {
    const host = await person(`Rachel Martin ${unique()}`, { wordsPerMinute: 120 });
    expect(host.wordsPerMinute).toBe(120);
    const plain = await person(`Steve Inskeep ${unique()}`);
    expect(plain.wordsPerMinute).toBeNull();
    const station = await createStation(app, producer);
    const program = await createProgram(app, producer, { wordsPerMinute: 200 });
    const block = await createSegment(app, producer, station.id, '2026-04-01T05:00', 3600, { programId: program.id });
    const script = doc(words(200));
    const saved = await app.request('PUT', `/api/segments/${block.id}/rundown`, {
      token: producer,
      body: {
        version: 1,
        items: [
          { title: 'Read by the host', kind: 'other', durationSeconds: 90, script, readerId: host.id },
          { title: 'No reader', kind: 'other', durationSeconds: 60, script },
          { title: 'Reader without a pace', kind: 'other', durationSeconds: 60, script, readerId: plain.id },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const [mine, none, paceless] = saved.body.items;
    expect(saved.body.wordsPerMinute).toBe(200);
    expect(mine).toMatchObject({
      readingSeconds: 100, // 200 words at 120 wpm
      wordsPerMinute: 120,
      readerId: host.id,
      reader: { id: host.id, displayName: host.displayName, wordsPerMinute: 120 },
    });
    expect(none).toMatchObject({ readingSeconds: 60, wordsPerMinute: 200, readerId: null, reader: null });
    expect(paceless).toMatchObject({ readingSeconds: 60, wordsPerMinute: 200, readerId: plain.id });

    // The pace is the person's current one: a change shows in the rundown at once.
    const patched = await app.request('PATCH', `/api/people/${host.id}`, {
      token: editor,
      body: { version: host.version, wordsPerMinute: 150 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.wordsPerMinute).toBe(150);
    let rundown = (await app.request('GET', `/api/segments/${block.id}/rundown`, { token: producer })).body;
    expect(rundown.items[0]).toMatchObject({ readingSeconds: 80, wordsPerMinute: 150 });
    // Cleared (null): back to the program's pace.
    const cleared = await app.request('PATCH', `/api/people/${host.id}`, {
      token: editor,
      body: { version: patched.body.version, wordsPerMinute: null },
    });
    expect(cleared.body.wordsPerMinute).toBeNull();
    rundown = (await app.request('GET', `/api/segments/${block.id}/rundown`, { token: producer })).body;
    expect(rundown.items[0]).toMatchObject({ readingSeconds: 60, wordsPerMinute: 200, readerId: host.id });
  });

  it('a merge keeps the items read by the duplicate, now read by the survivor, who takes its pace when they had none', async () => {
    const survivor = await person(`Noel King ${unique()}`);
    const duplicate = await person(`Noel King dup ${unique()}`, { wordsPerMinute: 100 });
    const station = await createStation(app, producer);
    const block = await createSegment(app, producer, station.id, '2026-04-02T05:00', 3600);
    const put = await app.request('PUT', `/api/segments/${block.id}/rundown`, {
      token: producer,
      body: {
        version: 1,
        items: [{ title: 'Intro', kind: 'other', durationSeconds: 60, script: doc(words(100)), readerId: duplicate.id }],
      },
    });
    expect(put.status).toBe(200);
    const merged = await app.request('POST', `/api/people/${duplicate.id}/merge`, {
      token: editor,
      body: { intoId: survivor.id, version: duplicate.version },
    });
    expect(merged.status).toBe(200);
    const rundown = (await app.request('GET', `/api/segments/${block.id}/rundown`, { token: producer })).body;
    expect(rundown.items[0]).toMatchObject({ readerId: survivor.id, wordsPerMinute: 100, readingSeconds: 60 });
  });

  it('refuses bad paces and readers with problem+json naming the field (never 5xx)', async () => {
    const host = await person(`Leila Fadel ${unique()}`);
    const station = await createStation(app, producer);
    const block = await createSegment(app, producer, station.id, '2026-04-03T05:00', 3600);
    const item = { title: 'A', kind: 'other', durationSeconds: 1 };
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/people', { displayName: 'Too Slow', wordsPerMinute: 59 }, 'wordsPerMinute'],
      ['POST', '/api/people', { displayName: 'Too Fast', wordsPerMinute: 401 }, 'wordsPerMinute'],
      ['POST', '/api/people', { displayName: 'Text Pace', wordsPerMinute: '160' }, 'wordsPerMinute'],
      ['PATCH', `/api/people/${host.id}`, { version: host.version, wordsPerMinute: 150.5 }, 'wordsPerMinute'],
      ['PATCH', `/api/people/${host.id}`, { version: host.version, wordsPerMinute: -160 }, 'wordsPerMinute'],
      ['PATCH', `/api/people/${host.id}`, { version: host.version, wordsPerMinute: { n: 1 } }, 'wordsPerMinute'],
      ['PUT', `/api/segments/${block.id}/rundown`, { version: 1, items: [{ ...item, readerId: 'rachel' }] }, 'items.0.readerId'],
      ['PUT', `/api/segments/${block.id}/rundown`, { version: 1, items: [{ ...item, readerId: 42 }] }, 'items.0.readerId'],
      [
        'PUT',
        `/api/segments/${block.id}/rundown`,
        { version: 1, items: [item, { ...item, readerId: '00000000-0000-4000-8000-00000000abcd' }] },
        'items.1.readerId',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const token = path.startsWith('/api/people') ? editor : producer;
      const response = await app.request(method, path, { token, body });
      expect([method, path, response.status, response.headers.get('content-type')]).toEqual([
        method,
        path,
        400,
        expect.stringContaining('application/problem+json'),
      ]);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    // Nothing was written.
    expect((await app.request('GET', `/api/people/${host.id}`, { token: editor })).body).toMatchObject({
      wordsPerMinute: null,
      version: host.version,
    });
  });
});
