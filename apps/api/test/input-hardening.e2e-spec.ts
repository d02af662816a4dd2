import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSON_MAX_DEPTH, HTML_MAX_DEPTH, RICH_TEXT_MAX_DEPTH, type RichTextDoc } from '@newsdesk/contracts';
import { QueryFailedError } from 'typeorm';
import { ProblemFilter } from '../src/common/problem.filter.js';
import { ENDPOINT_LIST as OPERATIONS } from '@newsdesk/contracts';
import { renditionsIdle } from './support/renditions.js';
import { startTestApp, type TestApp } from './support/app.js';
import { png } from './support/images.js';
import { fill, routes } from './support/routes.js';

/**
 * Issue #12, findings 2, 3 and 11: deep JSON, bad text in uploads, PostgreSQL data errors,
 * unknown query parameters on the public API, and the wording of unique violations.
 */
let app: TestApp;
let admin: string;
let editor: string;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-input-media-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
  admin = (await app.signIn(['admin'])).token;
  editor = (await app.signIn(['editor'])).token;
});
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

const ROUTES = routes();
const DEEP_ARRAY = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

async function raw(method: string, url: string, body: string | Buffer, headers: Record<string, string>) {
  const response = await fetch(`${app.url}${url}`, { method, headers, body });
  const text = await response.text();
  let json: { errors?: Array<{ field: string; message: string }>; detail?: string } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: json, text };
}

describe('deep JSON (finding 2)', () => {
  const bodyRoutes = ROUTES.filter((route) => route.method !== 'get');

  it('has every route that takes a body to check', () => {
    expect(bodyRoutes.length).toBeGreaterThan(40);
  });

  it.each(bodyRoutes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    '%s answers depth 10,000 with a 400 problem naming the body, signed in or not',
    async (_, route) => {
      for (const [token, body] of [
        [admin, DEEP_ARRAY],
        [undefined, DEEP_OBJECT],
      ] as const) {
        const response = await raw(route.method.toUpperCase(), fill(route.path), body, {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        });
        expect(response.status).toBe(400);
        expect(response.type).toContain('application/problem+json');
        expect(response.body?.errors).toEqual([{ field: '(body)', message: `JSON may nest at most ${JSON_MAX_DEPTH} levels deep` }]);
      }
    },
  );

  it(`accepts ${JSON_MAX_DEPTH} levels (the documented maximum) and refuses one more`, async () => {
    const nested = (levels: number) => `{"email":"a@b.example","password":"x","extra":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    const atLimit = await raw('POST', '/api/auth/login', nested(JSON_MAX_DEPTH), { 'content-type': 'application/json' });
    expect(atLimit.status).toBe(400);
    expect(atLimit.body?.errors?.[0]?.field).toBe('extra'); // parsed, then refused by the contract (unknown field)
    const over = await raw('POST', '/api/auth/login', nested(JSON_MAX_DEPTH + 1), { 'content-type': 'application/json' });
    expect(over.body?.errors?.[0]?.field).toBe('(body)');
  });

  it('refuses a body that is not UTF-8, and lone surrogates, naming them', async () => {
    const bytes = Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xc3, 0x28]), Buffer.from('@x.example","password":"x"}')]);
    const invalid = await raw('POST', '/api/auth/login', bytes, { 'content-type': 'application/json' });
    expect(invalid.status).toBe(400);
    expect(invalid.body?.errors).toEqual([{ field: '(body)', message: 'The body is not valid UTF-8' }]);
    const surrogate = await app.request('POST', '/api/stories', { token: editor, body: { headline: 'Half \ud800 a pair' } });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors).toEqual([{ field: 'headline', message: 'Text must be valid Unicode (no lone surrogates)' }]);
  });

  const quoted = (levels: number): RichTextDoc => {
    let blocks: RichTextDoc['content'] = [{ type: 'paragraph', content: [{ type: 'text', text: 'deep' }] }];
    for (let i = 1; i < levels; i++) blocks = [{ type: 'blockquote', content: blocks }];
    return { type: 'doc', content: blocks };
  };

  it(`caps rich text at ${RICH_TEXT_MAX_DEPTH} levels, naming the field, as a document or as HTML`, async () => {
    const ok = await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: 'Deep enough', body: quoted(RICH_TEXT_MAX_DEPTH) },
    });
    expect(ok.status).toBe(201);
    const deep = await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: 'Too deep', body: quoted(RICH_TEXT_MAX_DEPTH + 1) },
    });
    expect(deep.status).toBe(400);
    expect(deep.body.errors).toEqual([
      { field: 'body.content', message: `Quotes and lists may nest at most ${RICH_TEXT_MAX_DEPTH} levels deep` },
    ]);
    // Documents as deep as the JSON limit allows: refused by the contract, not by a stack overflow.
    const deepest = await app.request('POST', '/api/stories', { token: editor, body: { headline: 'Deepest', body: quoted(30) } });
    expect(deepest.status).toBe(400);
    const html = (levels: number, tag: string) => `${`<${tag}>`.repeat(levels)}text${`</${tag}>`.repeat(levels)}`;
    const quotes = await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: 'Quoted HTML', bodyHtml: html(RICH_TEXT_MAX_DEPTH + 1, 'blockquote') },
    });
    expect(quotes.status).toBe(400);
    expect(quotes.body.errors[0].field).toBe('bodyHtml');
    const bold = await app.request('POST', '/api/stories', { token: editor, body: { headline: 'Bold HTML', bodyHtml: html(40_000, 'b') } });
    expect(bold.status).toBe(400);
    expect(bold.body.errors).toEqual([{ field: 'bodyHtml', message: `HTML may nest elements at most ${HTML_MAX_DEPTH} deep` }]);
    const bio = await app.request('POST', '/api/correspondents', {
      token: admin,
      body: { name: 'Deep Bio', title: 'x', bureau: 'y', bio: html(HTML_MAX_DEPTH + 1, 'em') },
    });
    expect(bio.status).toBe(400);
    expect(bio.body.errors[0].field).toBe('bio');
    const fine = await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: 'Nested HTML', bodyHtml: html(5, 'blockquote') + '<p>a<p>b'.repeat(500) },
    });
    expect(fine.status).toBe(201);
  });
});

/** A multipart body built byte by byte, so that fields can carry bytes a form library would fix. */
function multipart(parts: Array<{ name: Buffer | string; filename?: Buffer | string; type?: string; value: Buffer | string }>): {
  body: Buffer;
  type: string;
} {
  const boundary = `----newsdesk${Date.now()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`), Buffer.from(part.name), Buffer.from('"'));
    if (part.filename !== undefined) chunks.push(Buffer.from('; filename="'), Buffer.from(part.filename), Buffer.from('"'));
    chunks.push(Buffer.from(`\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** Originals stored under `dir`, once the rendition worker is idle (rendition files, which it writes beside them, are left out). */
async function countFiles(dir: string): Promise<number> {
  await renditionsIdle(app, 60_000);
  const renditions = new Set(((await app.db.query(`SELECT key FROM image_renditions`)) as Array<{ key: string }>).map((row) => row.key));
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && !renditions.has(entry.name))
      .length;
  } catch {
    return 0;
  }
}

describe('uploads (finding 3)', () => {
  const NUL = Buffer.from('a\u0000b');
  const NOT_UTF8 = Buffer.from([0x61, 0xff, 0xfe, 0x62]);
  const cases: Array<[string, string, (bad: Buffer) => Parameters<typeof multipart>[0]]> = [
    [
      'alt',
      'alt',
      (bad) => [
        { name: 'alt', value: bad },
        { name: 'file', filename: 'a.png', type: 'image/png', value: png() },
      ],
    ],
    [
      'credit',
      'credit',
      (bad) => [
        { name: 'file', filename: 'a.png', type: 'image/png', value: png() },
        { name: 'credit', value: bad },
      ],
    ],
    [
      'the file name',
      'file',
      (bad) => [{ name: 'file', filename: Buffer.concat([bad, Buffer.from('.png')]), type: 'image/png', value: png() }],
    ],
    [
      'a field name',
      '',
      (bad) => [
        { name: bad, value: 'x' },
        { name: 'file', filename: 'a.png', type: 'image/png', value: png() },
      ],
    ],
  ];

  it.each(
    cases.flatMap(([label, field, build]) => [
      [`NUL in ${label}`, field, build(NUL)] as const,
      [`invalid UTF-8 in ${label}`, field, build(NOT_UTF8)] as const,
    ]),
  )('%s: 400 naming the field, no file stored, no row', async (_, field, parts) => {
    const files = await countFiles(mediaDir);
    const [{ rows }] = await app.db.query(`SELECT count(*)::int AS rows FROM media`);
    const { body, type } = multipart(parts);
    const response = await raw('POST', '/api/media', body, { 'content-type': type, authorization: `Bearer ${editor}` });
    expect(response.status).toBe(400);
    expect(response.type).toContain('application/problem+json');
    if (field) expect(response.body?.errors?.[0]?.field).toBe(field);
    expect(await countFiles(mediaDir)).toBe(files);
    expect((await app.db.query(`SELECT count(*)::int AS rows FROM media`))[0].rows).toBe(rows);
  });

  it('keeps UTF-8 text as sent (alt, credit and file name)', async () => {
    const { body, type } = multipart([
      { name: 'alt', value: 'Ölfeld bei Baku — 日本' },
      { name: 'credit', value: 'Zoë/Newsdesk' },
      { name: 'file', filename: 'Москва.png', type: 'image/png', value: png() },
    ]);
    const response = await raw('POST', '/api/media', body, { 'content-type': type, authorization: `Bearer ${editor}` });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ alt: 'Ölfeld bei Baku — 日本', credit: 'Zoë/Newsdesk', originalName: 'Москва.png' });
  });

  it('removes the stored bytes when the transaction fails at commit', async () => {
    // A deferred constraint trigger fails the commit, after the bytes were written.
    await app.db.query(
      `CREATE FUNCTION fail_media_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commit refused (test)'; END $$`,
    );
    await app.db.query(
      `CREATE CONSTRAINT TRIGGER fail_media_commit AFTER INSERT ON media DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_media_commit()`,
    );
    const bytes = png();
    try {
      const files = await countFiles(mediaDir);
      const { body, type } = multipart([{ name: 'file', filename: 'doomed.png', type: 'image/png', value: bytes }]);
      const failed = await raw('POST', '/api/media', body, { 'content-type': type, authorization: `Bearer ${editor}` });
      expect(failed.status).toBeGreaterThanOrEqual(400);
      expect(await countFiles(mediaDir)).toBe(files);
    } finally {
      await app.db.query(`DROP TRIGGER fail_media_commit ON media`);
      await app.db.query(`DROP FUNCTION fail_media_commit()`);
    }
    const files = await countFiles(mediaDir);
    const { body, type } = multipart([{ name: 'file', filename: 'fine.png', type: 'image/png', value: bytes }]);
    const stored = await raw('POST', '/api/media', body, { 'content-type': type, authorization: `Bearer ${editor}` });
    expect(stored.status).toBe(201);
    expect(await countFiles(mediaDir)).toBe(files + 1);
  });
});

describe('PostgreSQL errors in our words', () => {
  const filter = new ProblemFilter() as unknown as { toProblem(error: unknown): { status: number; detail?: string; errors?: unknown } };
  const pgError = async (sql: string, params: unknown[] = []): Promise<QueryFailedError> => {
    try {
      await app.db.query(sql, params);
    } catch (error) {
      return error as QueryFailedError;
    }
    throw new Error(`expected ${sql} to fail`);
  };

  it.each([
    ['22P02 invalid text representation', `SELECT 'not-a-uuid'::uuid`],
    ['22003 numeric out of range', `SELECT 2147483648::int`],
    ['22007 invalid datetime', `SELECT 'yesterday-ish'::timestamptz`],
    ['22008 datetime out of range', `SELECT '294277-01-01'::timestamptz`],
    ['22001 string too long', `DO $$ DECLARE v varchar(2); BEGIN v := 'abc'; END $$`],
    ['22021 invalid byte sequence', `SELECT convert_from('\\xff'::bytea, 'UTF8')`],
    ['54000 program limit exceeded', `SELECT repeat('x', 1100000)::tsvector`],
  ])('maps %s to 400', async (_, sql) => {
    const problem = filter.toProblem(await pgError(sql));
    expect(problem.status).toBe(400);
  });

  it("answers a duplicate slug with a 409 naming the field, without PostgreSQL's text", async () => {
    const created = await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: 'Taken slug', slug: `taken-${Date.now()}` },
    });
    const error = await pgError(`INSERT INTO stories (headline, slug) SELECT headline, slug FROM stories WHERE id = $1`, [created.body.id]);
    const problem = filter.toProblem(error);
    expect(problem).toMatchObject({ status: 409, errors: [{ field: 'slug', message: 'This slug is already used by another story' }] });
    expect(JSON.stringify(problem)).not.toMatch(/Key \(|already exists|constraint/);
    // And through HTTP, racing: every refusal names the slug.
    const slug = `race-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => app.request('POST', '/api/stories', { token: editor, body: { headline: 'Race', slug } })),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    for (const answer of answers.filter((one) => one.status !== 201)) {
      expect([400, 409]).toContain(answer.status);
      expect(answer.body.errors[0].field).toBe('slug');
      expect(answer.text).not.toMatch(/Key \(|already exists/);
    }
  });
});

describe('public query strings (finding 11)', () => {
  const publicGets = OPERATIONS.filter((op) => op.method === 'get' && op.path.startsWith('/api/public/'));
  const concrete = (pattern: string) => pattern.replace('{callSign}', 'WXYZ').replace(/\{\w+\}/g, 'some-slug');
  const valid: Record<string, string> = { '/api/public/search': 'q=budget' };

  it('has public routes to check, each documenting its query schema', () => {
    expect(publicGets.length).toBeGreaterThanOrEqual(9);
    for (const op of publicGets) expect(op.query).toBeDefined();
  });

  it.each(publicGets.map((op) => [op.path, op] as const))('%s refuses an unknown parameter with 400 naming it', async (_, op) => {
    const known = valid[op.path] ? `${valid[op.path]}&` : '';
    const response = await app.request('GET', `${concrete(op.path)}?${known}cb=123`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ field: 'cb', message: 'Unknown field "cb"' }]);
  });

  it('serves two orders of the same query (and the default limit spelled out) from one cache entry', async () => {
    const tag = await app.request('POST', '/api/tags', { token: editor, body: { name: `Cache order ${Date.now()}` } });
    const first = `/api/public/stories?limit=20&tag=${tag.body.slug}`;
    // The cache fills once its listener is connected: ask until the first order is a hit.
    let cache: string | null = null;
    for (let i = 0; i < 100 && cache !== 'hit'; i++) {
      cache = (await app.request('GET', first)).headers.get('x-cache');
      if (cache !== 'hit') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(cache).toBe('hit');
    for (const other of [`/api/public/stories?tag=${tag.body.slug}&limit=20`, `/api/public/stories?tag=${tag.body.slug}`]) {
      expect((await app.request('GET', other)).headers.get('x-cache')).toBe('hit');
    }
  });
});
