import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CSRF_HEADER, CSRF_VALUE, ENDPOINTS } from '@newsdesk/contracts';
import { ApiError, buildPath, createApi, problemOf, queryString, requestOf, retryAfterSeconds } from './api';

describe('buildPath', () => {
  it('fills every placeholder, URI-encoding the values', () => {
    expect(buildPath('/api/stories/{id}/revisions/{n}', { id: 'a b/c', n: 3 })).toBe('/api/stories/a%20b%2Fc/revisions/3');
    expect(buildPath('/api/public/stations/{callSign}/now-next', { callSign: 'KXYZ' })).toBe('/api/public/stations/KXYZ/now-next');
  });

  it('leaves a path without placeholders as it is', () => {
    expect(buildPath('/api/stories/dashboard')).toBe('/api/stories/dashboard');
  });

  it('refuses a missing or empty parameter instead of calling a wrong URL', () => {
    expect(() => buildPath('/api/stories/{id}', {})).toThrow(/needs the path parameter "id"/);
    expect(() => buildPath('/api/stories/{id}', { id: '' })).toThrow(/"id"/);
  });
});

describe('queryString', () => {
  it('leaves out undefined, null and empty values', () => {
    expect(queryString({ q: 'rain', status: undefined, cursor: '', tag: null, limit: 20 })).toBe('?q=rain&limit=20');
    expect(queryString({ q: undefined })).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('encodes values and repeats the key for arrays', () => {
    expect(queryString({ q: 'a&b =c', role: ['editor', 'admin'] })).toBe('?q=a%26b+%3Dc&role=editor&role=admin');
    expect(queryString({ published: false, days: 0 })).toBe('?published=false&days=0');
  });
});

describe('requestOf (a call derived from the route table)', () => {
  it('takes method and path from ENDPOINTS and sends the JSON body with the CSRF header', () => {
    const request = requestOf('stories.update', { params: { id: 's1' }, body: { version: 2, headline: 'H' } });
    expect(ENDPOINTS['stories.update']).toMatchObject({ method: 'patch', path: '/api/stories/{id}' });
    expect(request).toMatchObject({ method: 'PATCH', url: '/api/stories/s1', body: '{"version":2,"headline":"H"}' });
    expect(request.headers).toMatchObject({ [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'application/json', accept: 'application/json' });
  });

  it('sends no CSRF header, content type or body on a GET, and puts the query after the filled path', () => {
    const request = requestOf('stories.diffRevisions', { params: { id: 's1' }, query: { from: 1, to: 4 } });
    expect(request).toMatchObject({ method: 'GET', url: '/api/stories/s1/revisions/diff?from=1&to=4', body: undefined });
    expect(request.headers).toEqual({ accept: 'application/json' });
  });

  it('builds a multipart body for an upload (fields first, then the file) without a JSON content type', async () => {
    const request = requestOf('media.upload', {
      upload: { file: new Blob(['abc'], { type: 'image/png' }), name: 'a.png', fields: { alt: 'A cat', credit: undefined } },
    });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/media');
    expect(request.headers['content-type']).toBeUndefined();
    const form = request.body as FormData;
    expect([...form.keys()]).toEqual(['alt', 'file']);
    expect(form.get('alt')).toBe('A cat');
    expect(await (form.get('file') as File).text()).toBe('abc');
  });
});

describe('problemOf', () => {
  it('parses an RFC 9457 body with its field errors, keeping the HTTP status', async () => {
    const body = {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: 'headline: Required',
      errors: [{ field: 'headline', message: 'Required' }],
    };
    const problem = await problemOf(
      new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/problem+json' } }),
    );
    expect(problem).toMatchObject({ title: 'Invalid request', status: 400, errors: [{ field: 'headline', message: 'Required' }] });
    expect(new ApiError(problem).fieldErrors).toEqual([{ field: 'headline', message: 'Required' }]);
  });

  it('falls back to the status text for a body that is empty, not JSON, or not a problem', async () => {
    expect(await problemOf(new Response('', { status: 502, statusText: 'Bad Gateway' }))).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
    });
    expect(await problemOf(new Response('<html>', { status: 500 }))).toEqual({ type: 'about:blank', title: 'HTTP 500', status: 500 });
    expect((await problemOf(new Response('{"hello":1}', { status: 409 }))).status).toBe(409);
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds or an HTTP date, and nothing without the header', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds(new Response(null, { status: 429, headers: { 'retry-after': '12' } }), now)).toBe(12);
    expect(retryAfterSeconds(new Response(null, { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' } }), now)).toBe(
      30,
    );
    expect(retryAfterSeconds(new Response(null, { status: 429 }), now)).toBeUndefined();
  });
});

describe('createApi().call (against a real HTTP server)', () => {
  let server: Server;
  let baseUrl = '';
  let reply: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.end();
  const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers'] }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ method: request.method, url: request.url, headers: request.headers });
      reply(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  const json =
    (status: number, body: unknown, type = 'application/json') =>
    (_: IncomingMessage, response: ServerResponse) => {
      response.writeHead(status, { 'content-type': type });
      response.end(JSON.stringify(body));
    };

  it('calls the base URL plus the derived path with the transport headers, and parses the response with the contract', async () => {
    reply = json(200, { items: [], nextCursor: null });
    const api = createApi({ baseUrl, headers: () => ({ cookie: 'newsdesk_session=x' }) });
    await expect(api.call('tags.list', { query: { q: 'rain' } })).resolves.toEqual({ items: [], nextCursor: null });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/tags?q=rain' });
    expect(seen[0]?.headers).toMatchObject({ cookie: 'newsdesk_session=x', accept: 'application/json' });
    expect(seen[0]?.headers[CSRF_HEADER]).toBeUndefined();
  });

  it('turns a body that breaks the contract into a 502 ApiError naming the route', async () => {
    reply = json(200, { items: 'nope' });
    const api = createApi({ baseUrl, headers: () => ({}) });
    await expect(api.call('tags.list')).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/tags\.list .*does not match the contract/),
    });
  });

  it('sends writes with the CSRF header and answers nothing for a 204', async () => {
    reply = (_, response) => {
      response.writeHead(204);
      response.end();
    };
    const api = createApi({ baseUrl, headers: () => ({}) });
    await expect(api.call('stories.delete', { params: { id: 's 1' }, query: { version: 3 } })).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/api/stories/s%201?version=3' });
    expect(seen[0]?.headers[CSRF_HEADER]).toBe(CSRF_VALUE);
  });

  it('throws the problem as an ApiError, and reports a 401 as a session end except on sessionless routes', async () => {
    reply = json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }, 'application/problem+json');
    let ended = 0;
    const api = createApi({
      baseUrl,
      headers: () => ({}),
      onSessionEnd: () => {
        ended += 1;
      },
    });
    await expect(api.call('stories.get', { params: { id: 's1' } })).rejects.toMatchObject({
      name: 'ApiError',
      status: 401,
      problem: { title: 'Unauthorized' },
    });
    expect(ended).toBe(1);
    await expect(api.call('auth.login', { body: { email: 'a@b.c', password: 'x' } })).rejects.toMatchObject({ status: 401 });
    await expect(api.call('auth.logout')).rejects.toMatchObject({ status: 401 });
    expect(ended).toBe(1);
  });

  it('lets a throwing onSessionEnd (the server-side redirect) replace the ApiError', async () => {
    reply = json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
    const api = createApi({
      baseUrl,
      headers: () => ({}),
      onSessionEnd: () => {
        throw new Error('NEXT_REDIRECT');
      },
    });
    await expect(api.call('auth.me')).rejects.toThrow('NEXT_REDIRECT');
  });
});
