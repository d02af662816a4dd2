import { PERMISSIONS, type Permission, type Role } from '@newsdesk/contracts';
import type { z } from 'zod';
import { ENDPOINT_LIST as OPERATIONS, type Endpoint as Operation } from '@newsdesk/contracts';
import { renditionsIdle } from './support/renditions.js';
import { startTestApp, type TestApp } from './support/app.js';
import { png } from './support/images.js';

/**
 * The adversarial input suite (issue #12): generated from the route table (ENDPOINTS in packages/contracts/src/endpoints.ts) and the
 * contract schemas. For every route and every body, query, upload and path field, the known-bad
 * values are sent with a session of a role allowed on the route. Every answer is below 500, every
 * 4xx is problem+json (except 431: Node refuses an oversized URL before the app sees it), every
 * value the field's own schema refuses (and every value no field may hold: NUL, invalid UTF-8,
 * lone surrogates, 1 MB, depth 10,000, prototype keys) is refused, and refused writes leave the
 * database as it was (a checksum of every table, before and after each route's refusals).
 */
let app: TestApp;
const tokens = new Map<Role, string>();
const stats = { requests: 0, serverErrors: 0 };
beforeAll(async () => {
  app = await startTestApp();
  for (const role of ['admin', 'editor', 'producer'] as const) tokens.set(role, (await app.signIn([role])).token);
});
afterAll(async () => {
  console.log(`adversarial input suite: ${stats.requests} requests tried, ${stats.serverErrors} answered 5xx`);
  await app?.close();
});

/** One bad value as raw JSON text (so that bytes JSON.stringify would fix can be sent), and its parsed form when it has one. */
interface Bad {
  label: string;
  raw: Buffer;
  value?: unknown;
  always?: boolean;
}
const bad = (label: string, value: unknown, always = false): Bad => ({ label, raw: Buffer.from(JSON.stringify(value)), value, always });
const rawBad = (label: string, raw: string | Buffer): Bad => ({ label, raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw), always: true });

const DEEP = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const BODY_VALUES: Bad[] = [
  bad('NUL', 'a\u0000b', true),
  bad('lone surrogate', 'a\ud800b', true),
  rawBad('invalid UTF-8', Buffer.concat([Buffer.from('"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"')])),
  rawBad('overlong UTF-8 NUL', Buffer.concat([Buffer.from('"a'), Buffer.from([0xc0, 0x80]), Buffer.from('b"')])),
  rawBad('1 MB string', `"${'x'.repeat(1024 * 1024)}"`),
  rawBad('depth 10,000', DEEP),
  rawBad('__proto__ key', '{"__proto__":{"isAdmin":true}}'),
  rawBad('constructor.prototype key', '{"constructor":{"prototype":{"isAdmin":true}}}'),
  rawBad('number beyond float range', '1e999'),
  bad('wrong type: object', { nested: { value: 1 } }),
  bad('wrong type: boolean', true),
  bad('wrong type: number', 12345),
  bad('wrong type: string', 'twelve'),
  bad('wrong type: array', ['x', 1, null]),
  bad('null', null),
  bad('SQL injection', "'; DROP TABLE stories; --"),
  bad('SQL injection (boolean)', "x' OR '1'='1"),
  bad('HTML injection', '<script>alert(1)</script><img src=x onerror=alert(1)>'),
  { label: 'integer beyond 2^53', raw: Buffer.from('9007199254740993'), value: Number('9007199254740993') },
  bad('huge float', 1e308),
  bad('int4 overflow', 2_147_483_648),
  bad('negative', -1),
  bad('negative int4 overflow', -2_147_483_649),
  bad('fraction', 0.5),
  bad('NaN-ish string', 'NaN'),
  bad('Infinity string', 'Infinity'),
  bad('date before year 1', '0000-01-01T00:00:00Z'),
  bad('date past JavaScript range', '+275760-09-13T00:00:01Z'),
  bad('date 30 February', '2026-02-30T10:00:00Z'),
  bad('not a uuid', 'not-a-uuid'),
  bad('uuid with a bad digit', '00000000-0000-0000-0000-00000000000g'),
  bad('uuid with injection', "8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d' OR '1'='1"),
];

/** Query values, percent-encoded; `value` is what the field's schema sees when the encoding is valid. */
const QUERY_VALUES: Array<{ label: string; encoded: string; value?: string; always?: boolean }> = [
  { label: 'NUL', encoded: 'a%00b', always: true },
  { label: 'invalid UTF-8', encoded: 'a%FF%FEb' },
  { label: 'encoded lone surrogate', encoded: 'a%ED%A0%80b' },
  { label: '1 MB', encoded: 'x'.repeat(1024 * 1024), always: true },
  { label: '10 kB', encoded: 'x'.repeat(10_000) },
  ...BODY_VALUES.filter((one) => (typeof one.value === 'string' || typeof one.value === 'number') && !one.always).map((one) => ({
    label: one.label,
    encoded: encodeURIComponent(String(one.value)),
    value: String(one.value),
  })),
  { label: 'repeated parameter', encoded: '1&__SAME__=2' },
  { label: 'empty', encoded: '', value: '' },
];

const PATH_VALUES = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'a%00b',
  'a%FF%FEb',
  '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  "x'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  '-1',
  '99999999999999999999',
  'NaN',
  'x'.repeat(2000),
];

/** Minimal valid bodies, so that a bad field is the only thing wrong with a create. */
const BASE: Record<string, Record<string, unknown>> = {
  'post /api/auth/login': { email: 'nobody@test.newsdesk.local', password: 'not-the-password' },
  'post /api/stories': { headline: 'Adversarial' },
  'post /api/tags': { name: 'Adversarial tag', type: 'topic' },
  'post /api/people': { displayName: 'Ada Adversary' },
  'post /api/correspondents': { name: 'Cora Adversary', title: 'Correspondent', bureau: 'Nowhere' },
  'post /api/users': { email: 'adversary@test.newsdesk.local', name: 'Adversary', roles: ['editor'] },
  'post /api/programs': { name: 'Adversarial hour' },
  'post /api/transcripts/parse': { text: 'HOST: Good morning.' },
  'post /api/audio/external': { url: 'https://cdn.example.org/adversarial.mp3', contentType: 'audio/mpeg', durationSeconds: 60 },
  'put /api/programs/{id}/podcast': { version: 1 },
  'post /api/stories/{id}/presence': { tab: '0b7c2d4e-9f1a-4b3c-8d5e-6f7a8b9c0d1e', section: 'body', typing: false },
  'post /api/stories/{id}/lock': { tab: '0b7c2d4e-9f1a-4b3c-8d5e-6f7a8b9c0d1e' },
  'post /api/stories/{id}/lock/take-over': { tab: '0b7c2d4e-9f1a-4b3c-8d5e-6f7a8b9c0d1e' },
};

/** The fields of a contract schema: an object's shape, through pipes, wrappers and unions. */
function fieldsOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  const fields: Record<string, z.ZodType> = {};
  const stack: unknown[] = schema ? [schema] : [];
  while (stack.length) {
    const def = (stack.pop() as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') Object.assign(fields, def.shape as Record<string, z.ZodType>);
    else if (def.type === 'pipe') stack.push(def.in);
    else if (def.type === 'union') stack.push(...(def.options as unknown[]));
    else if (def.type === 'intersection') stack.push(def.left, def.right);
    else if (def.innerType) stack.push(def.innerType);
  }
  return fields;
}

const UUID = '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d';
const concrete = (path: string) =>
  path
    .replace('{id}', UUID)
    .replace('{n}', '1')
    .replace('{callSign}', 'WXYZ')
    .replace(/\{\w+\}/g, 'some-slug');

interface Probe {
  describe: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  mustRefuse: boolean;
}

/** Every probe for one route: each field × each bad value, plus whole-body values. */
function probes(op: Operation): Probe[] {
  const method = op.method.toUpperCase();
  const path = concrete(op.path);
  const base = BASE[`${op.method} ${op.path}`] ?? {};
  const list: Probe[] = [];
  const json = (describe: string, body: Buffer, mustRefuse: boolean) =>
    list.push({ describe, method, path, headers: { 'content-type': 'application/json' }, body, mustRefuse });
  if (op.method !== 'get') {
    const fields = fieldsOf(op.body);
    for (const value of BODY_VALUES.filter((one) => one.always)) json(`whole body: ${value.label}`, value.raw, true);
    for (const [field, schema] of Object.entries(fields)) {
      for (const value of BODY_VALUES) {
        const [before, after] = JSON.stringify({ ...base, [field]: '\u0001HOLE\u0001' }).split('"\\u0001HOLE\\u0001"');
        const refusedByField = value.always || !schema.safeParse(value.value).success;
        json(`${field}: ${value.label}`, Buffer.concat([Buffer.from(before!), value.raw, Buffer.from(after!)]), refusedByField);
      }
    }
  }
  const query = fieldsOf(op.query);
  const baseQuery = op.path === '/api/public/search' ? 'q=budget&' : '';
  for (const [field, schema] of Object.entries({ ...query, cb: undefined as unknown as z.ZodType })) {
    for (const value of QUERY_VALUES) {
      // An unknown parameter (`cb`) must be refused where queries are strict: the public API.
      const refusedByField =
        Boolean(value.always) ||
        (schema ? value.value !== undefined && !schema.safeParse(value.value).success : op.path.startsWith('/api/public/'));
      const encoded = value.encoded.replace('__SAME__', field);
      list.push({
        describe: `?${field}: ${value.label}`,
        method,
        path: `${path}?${baseQuery}${field}=${encoded}`,
        headers: {},
        mustRefuse: op.query !== undefined && refusedByField && value.label !== 'repeated parameter',
      });
    }
  }
  for (const param of op.path.match(/\{\w+\}/g) ?? []) {
    for (const value of PATH_VALUES) {
      const body = op.method === 'get' || op.upload ? undefined : Buffer.from(JSON.stringify(base));
      list.push({
        describe: `${param}: ${value.slice(0, 40)}`,
        method,
        path: concrete(op.path.replace(param, value)),
        headers: body ? { 'content-type': 'application/json' } : {},
        body,
        mustRefuse: false,
      });
    }
  }
  if (op.upload) {
    for (const [field, schema] of Object.entries(fieldsOf(op.upload))) {
      // (A lone surrogate cannot be sent as multipart text: encoded, it is U+FFFD. Its bytes, CESU-8, are below.)
      for (const value of [
        ...BODY_VALUES.filter((one) => typeof one.value === 'string' && one.label !== 'lone surrogate'),
        rawBad('invalid UTF-8', Buffer.from([0x61, 0xff, 0x62])),
        rawBad('CESU-8 surrogate', Buffer.from([0x61, 0xed, 0xa0, 0x80])),
        rawBad('1 MB', 'x'.repeat(1024 * 1024)),
      ]) {
        const text = value.value !== undefined ? Buffer.from(String(value.value)) : value.raw;
        const boundary = 'adversarial-boundary';
        const body = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n`),
          text,
          Buffer.from(
            `\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
          ),
          png(),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const refusedByField = Boolean(value.always) || String(value.value).includes('\u0000') || !schema.safeParse(value.value).success;
        list.push({
          describe: `multipart ${field}: ${value.label}`,
          method,
          path,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          body,
          mustRefuse: refusedByField,
        });
      }
    }
  }
  return list;
}

/** A checksum of every table's rows (sessions aside: reading with a session may touch it), once no image rendition job is running in the background. */
async function checksum(): Promise<string> {
  await renditionsIdle(app, 60_000);
  const tables: Array<{ name: string }> = await app.db.query(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('sessions') ORDER BY 1`,
  );
  const [row]: Array<{ sum: string }> = await app.db.query(
    `SELECT string_agg(t.n || ':' || t.c || ':' || t.h, ',') AS sum FROM (${tables.map(({ name }) => `SELECT '${name}' AS n, count(*) AS c, coalesce(sum(hashtext(x::text)::bigint), 0) AS h FROM ${name} x`).join(' UNION ALL ')}) t`,
  );
  return row!.sum;
}

async function send(probe: Probe, token: string): Promise<{ status: number; type: string }> {
  const response = await fetch(`${app.url}${probe.path}`, {
    method: probe.method,
    headers: { ...probe.headers, authorization: `Bearer ${token}` },
    body: probe.body,
  });
  await response.arrayBuffer();
  return { status: response.status, type: response.headers.get('content-type') ?? '' };
}

/** Sends the probes a few at a time; returns a line per broken expectation. */
async function run(list: Probe[], token: string): Promise<string[]> {
  const broken: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const probe = list[next++]!;
      const { status, type } = await send(probe, token);
      stats.requests++;
      if (status >= 500) {
        stats.serverErrors++;
        broken.push(`${probe.describe}: ${status}`);
      } else if (status >= 400 && status !== 431 && !type.includes('application/problem+json'))
        broken.push(`${probe.describe}: ${status} as ${type}`);
      else if (probe.mustRefuse && (status < 400 || status >= 500)) broken.push(`${probe.describe}: accepted (${status})`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return broken;
}

// The login route last: its refused passwords count towards the address's throttle.
const ROUTES = [...OPERATIONS.filter((op) => op.path !== '/api/auth/login'), ...OPERATIONS.filter((op) => op.path === '/api/auth/login')];

describe('adversarial input suite', () => {
  it('covers the whole route table', () => {
    expect(ROUTES.length).toBe(OPERATIONS.length);
    expect(ROUTES.length).toBeGreaterThan(80);
  });

  it.each(ROUTES.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s: bad values refused as problems, never a 5xx, refused writes change nothing',
    async (_, op) => {
      const role = op.permission === 'public' ? 'admin' : (PERMISSIONS[op.permission as Permission][0] as Role);
      // Routes on one's own session get a session of their own (logout would end a shared one).
      const token = op.permission === 'self' ? (await app.signIn([role])).token : tokens.get(role)!;
      const all = probes(op);
      const refused = all.filter((probe) => probe.mustRefuse);
      const before = await checksum();
      const broken = await run(refused, token);
      expect({ route: `${op.method} ${op.path}`, broken, changed: (await checksum()) !== before }).toEqual({
        route: `${op.method} ${op.path}`,
        broken: [],
        changed: false,
      });
      expect(
        await run(
          all.filter((probe) => !probe.mustRefuse),
          token,
        ),
      ).toEqual([]);
    },
  );
});
