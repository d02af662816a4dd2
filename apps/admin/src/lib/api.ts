import {
  CSRF_HEADER,
  CSRF_VALUE,
  ENDPOINTS,
  ProblemSchema,
  type EndpointName,
  type Endpoints,
  type FieldError,
  type Problem,
} from '@newsdesk/contracts';
import type { z } from 'zod';
import { endSession } from './session-end';

/**
 * The admin's API client, derived from the contracts' route table (ENDPOINTS): one typed call by
 * route name, e.g. `api.call('stories.update', { params: { id }, body })`. Path, method, request and
 * response types all come from the table, so no page or component holds a route string.
 */

/** An error response of the API, parsed from its RFC 9457 problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from a Retry-After header (sent with 429), when there was one. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * A 401 from a call that needs a session: the session has ended (signed out elsewhere, password
 * changed, account deactivated, expired). In the browser the client has already started the
 * redirect to /login, so components show nothing for it.
 */
export function isSessionEnd(error: unknown): error is ApiError {
  return isApiError(error) && error.status === 401;
}

/** How a request reaches the API: through the admin's same-origin proxy, or directly from the server. */
export interface Transport {
  baseUrl: string;
  /** Headers sent with every request (e.g. the forwarded session cookie). */
  headers(): Promise<Record<string, string>> | Record<string, string>;
  /**
   * Called when a request that needs a session gets 401, before the ApiError is thrown (the browser
   * goes to /login; the server redirects, which throws).
   */
  onSessionEnd?: () => void | Promise<void>;
}

type Endpoint<N extends EndpointName> = Endpoints[N];

/** `'/api/stories/{id}/revisions/{n}'` -> `'id' | 'n'`. */
export type PathParams<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? K | PathParams<Rest> : never;

type ParamsArg<N extends EndpointName> = [PathParams<Endpoint<N>['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParams<Endpoint<N>['path']>, string | number> };
type QueryArg<N extends EndpointName> =
  Endpoint<N> extends { query: infer Q extends z.ZodObject } ? { query?: Partial<z.output<Q>> } : { query?: undefined };
type BodyArg<N extends EndpointName> =
  Endpoint<N> extends { body: infer B extends z.ZodType }
    ? { body: z.input<B> }
    : Endpoint<N> extends { upload: infer U extends z.ZodObject }
      ? { upload: { file: Blob; name: string; fields?: z.input<U> } }
      : { body?: undefined };

/** What a call of route `N` takes: its path params, query, and JSON body (or multipart upload). */
export type CallArgs<N extends EndpointName> = ParamsArg<N> & QueryArg<N> & BodyArg<N>;
/** What a call of route `N` answers: its response schema's output, or nothing. */
export type CallResult<N extends EndpointName> = Endpoint<N> extends { response: infer R extends z.ZodType } ? z.output<R> : void;
/** The arguments are optional when the route needs none. */
type CallRest<N extends EndpointName> = object extends CallArgs<N> ? [args?: CallArgs<N>] : [args: CallArgs<N>];

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

/** Fills a route's `{param}` placeholders (URI-encoded); a missing param is a programming error. */
export function buildPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`API client: ${template} needs the path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=x`: undefined, null and empty values left out; arrays repeat the key. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly (string | number)[]) params.append(key, String(item));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function retryAfterSeconds(response: Response, now = Date.now()): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The RFC 9457 problem of an error response; a body that is not one becomes a plain problem with the status. */
export async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
  const text = await response.text().catch(() => '');
  if (!text) return fallback;
  try {
    const parsed = ProblemSchema.safeParse(JSON.parse(text));
    return parsed.success ? { ...parsed.data, status: response.status } : fallback;
  } catch {
    return fallback;
  }
}

/** Routes whose 401 is an answer, not a session end (signing in, out, or redeeming a link). */
const SESSIONLESS = new Set<EndpointName>(['auth.logout']);
const isSessionless = (name: EndpointName) => ENDPOINTS[name].permission === 'public' || SESSIONLESS.has(name);

/** The request a call makes: method, URL, headers and body (pure; exported for tests). */
export function requestOf(
  name: EndpointName,
  args: {
    params?: Record<string, string | number>;
    query?: Record<string, QueryValue>;
    body?: unknown;
    upload?: { file: Blob; name: string; fields?: Record<string, unknown> };
  } = {},
) {
  const endpoint: { method: string; path: string } = ENDPOINTS[name];
  const method = endpoint.method.toUpperCase();
  const url = `${buildPath(endpoint.path, args.params)}${queryString(args.query)}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_VALUE;
  let body: BodyInit | undefined;
  if (args.upload) {
    const form = new FormData();
    for (const [key, value] of Object.entries(args.upload.fields ?? {})) if (value !== undefined) form.append(key, String(value));
    form.append('file', args.upload.file, args.upload.name);
    // A FormData body sets its own multipart content type (with the boundary).
    body = form;
  } else if (args.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(args.body);
  }
  return { method, url, headers, body };
}

export function createApi(transport: Transport) {
  async function call<N extends EndpointName>(name: N, ...[args]: CallRest<N>): Promise<CallResult<N>> {
    const request = requestOf(name, args as Parameters<typeof requestOf>[1]);
    const response = await fetch(`${transport.baseUrl}${request.url}`, {
      method: request.method,
      headers: { ...request.headers, ...(await transport.headers()) },
      body: request.body,
      cache: 'no-store',
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const error = new ApiError(await problemOf(response), retryAfterSeconds(response));
      if (error.status === 401 && !isSessionless(name)) await transport.onSessionEnd?.();
      throw error;
    }
    const schema = (ENDPOINTS[name] as { response?: z.ZodType }).response;
    if (!schema || response.status === 204) return undefined as CallResult<N>;

    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new ApiError({
        type: 'about:blank',
        title: 'Unexpected response from the API',
        status: 502,
        detail: `${name} (${request.method} ${request.url}) returned a body that does not match the contract: ${parsed.error.message}`,
      });
    }
    return parsed.data as CallResult<N>;
  }
  return { call };
}

export type Api = ReturnType<typeof createApi>;

/**
 * For client components: same-origin requests through the admin's /api proxy; the browser sends the
 * cookie. Any 401 from a call that needs a session sends the tab to /login (see session-end.ts).
 */
export const browserApi: Api = createApi({ baseUrl: '', headers: () => ({}), onSessionEnd: endSession });
