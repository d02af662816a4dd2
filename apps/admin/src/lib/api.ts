import {
  AuditPageSchema,
  CreateUserResponseSchema,
  CorrespondentPageSchema,
  CorrespondentSchema,
  MediaSchema,
  PersonPageSchema,
  PersonSchema,
  type Correspondent,
  type CorrespondentPage,
  type CorrespondentTransitionInput,
  type CreateCorrespondentInput,
  type CreatePersonInput,
  type ListCorrespondentsQuery,
  type ListPeopleQuery,
  type Media,
  type MergePersonInput,
  type Person,
  type PersonPage,
  type UpdateCorrespondentInput,
  type UpdateMediaInput,
  type UpdatePersonInput,
  type UploadMediaFields,
  ParseTranscriptResponseSchema,
  type ParseTranscriptRequest,
  type ParseTranscriptResponse,
  LoginResponseSchema,
  LoginThrottleListSchema,
  type LoginThrottleList,
  PasswordLinkSchema,
  ProblemSchema,
  SessionListSchema,
  StaffUserPageSchema,
  StaffUserSchema,
  StoryPageSchema,
  StorySchema,
  UserSchema,
  type AuditPage,
  type AuditQuery,
  type ChangePasswordInput,
  type CreateStoryInput,
  type CreateUserInput,
  type CreateUserResponse,
  type FieldError,
  type ListStoriesQuery,
  type ListUsersQuery,
  type LoginInput,
  type LoginResponse,
  type PasswordLink,
  type Problem,
  type PublishStoryInput,
  type SessionList,
  type SetPasswordInput,
  type StaffUser,
  type StaffUserPage,
  type Story,
  type StoryPage,
  type StoryTransitionInput,
  type UpdateStoryInput,
  type UpdateUserInput,
  type User,
} from '@newsdesk/contracts';
import type { z } from 'zod';
import { deskEndpoints } from './desk-api';
import { endSession } from './session-end';
import { scheduleEndpoints } from './schedule-api';

/** The header the API requires on cookie-authenticated writes (its CSRF defence). */
export const CSRF_HEADER = 'X-Newsdesk-CSRF';

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
  /** Called when a request that needs a session gets 401 (before the ApiError is thrown). */
  onSessionEnd?: () => void;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  body?: unknown;
  /** A multipart body (uploads); sent instead of `body`. */
  form?: FormData;
  query?: Query;
  /** The call works without a session (sign-in, sign-out, set-password): a 401 is its answer, not a session end. */
  sessionless?: boolean;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function problemOf(response: Response): Promise<Problem> {
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

export function createApi(transport: Transport) {
  async function request<S extends z.ZodType>(method: Method, path: string, options: RequestOptions & { schema: S }): Promise<z.output<S>>;
  async function request(method: Method, path: string, options?: RequestOptions): Promise<void>;
  async function request(method: Method, path: string, options: RequestOptions & { schema?: z.ZodType } = {}): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', ...(await transport.headers()) };
    if (method !== 'GET') headers[CSRF_HEADER] = '1';
    if (options.body !== undefined) headers['content-type'] = 'application/json';

    const response = await fetch(`${transport.baseUrl}/api${path}${queryString(options.query)}`, {
      method,
      headers,
      // A FormData body sets its own multipart content type (with the boundary).
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      cache: 'no-store',
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const error = new ApiError(await problemOf(response), retryAfterSeconds(response));
      if (error.status === 401 && !options.sessionless) transport.onSessionEnd?.();
      throw error;
    }
    if (!options.schema || response.status === 204) return undefined;

    const parsed = options.schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new ApiError({
        type: 'about:blank',
        title: 'Unexpected response from the API',
        status: 502,
        detail: `${method} /api${path} returned a body that does not match the contract: ${parsed.error.message}`,
      });
    }
    return parsed.data;
  }

  const story = (id: string) => `/stories/${encodeURIComponent(id)}`;
  const correspondent = (id: string) => `/correspondents/${encodeURIComponent(id)}`;
  const person = (id: string) => `/people/${encodeURIComponent(id)}`;
  const user = (id: string) => `/users/${encodeURIComponent(id)}`;

  return {
    login: (input: LoginInput): Promise<LoginResponse> =>
      request('POST', '/auth/login', { body: input, schema: LoginResponseSchema, sessionless: true }),
    /** A 401 here means the session was already gone, which is what signing out wants anyway. */
    logout: (): Promise<void> => request('POST', '/auth/logout', { sessionless: true }),
    me: (): Promise<User> => request('GET', '/auth/me', { schema: UserSchema }),
    /** Redeems a one-time set-password link (no session needed). */
    setPassword: (input: SetPasswordInput): Promise<void> => request('POST', '/auth/set-password', { body: input, sessionless: true }),
    /**
     * Changes one's own password. Every session ends; the answer's Set-Cookie carries this tab's new
     * session (its body, the same token, is not needed in the browser).
     */
    changePassword: (input: ChangePasswordInput): Promise<void> => request('POST', '/auth/password', { body: input }),
    listSessions: (): Promise<SessionList> => request('GET', '/auth/sessions', { schema: SessionListSchema }),
    revokeSession: (id: string): Promise<void> => request('DELETE', `/auth/sessions/${encodeURIComponent(id)}`),

    listUsers: (query: Partial<ListUsersQuery> = {}): Promise<StaffUserPage> => request('GET', '/users', { query, schema: StaffUserPageSchema }),
    getUser: (id: string): Promise<StaffUser> => request('GET', user(id), { schema: StaffUserSchema }),
    createUser: (input: CreateUserInput): Promise<CreateUserResponse> =>
      request('POST', '/users', { body: input, schema: CreateUserResponseSchema }),
    updateUser: (id: string, input: UpdateUserInput): Promise<StaffUser> => request('PATCH', user(id), { body: input, schema: StaffUserSchema }),
    issueResetLink: (id: string): Promise<PasswordLink> => request('POST', `${user(id)}/reset-password`, { schema: PasswordLinkSchema }),
    /** Recent sign-in throttling (admins), and clearing one entry. */
    listThrottles: (): Promise<LoginThrottleList> => request('GET', '/auth/throttles', { schema: LoginThrottleListSchema }),
    clearThrottle: (id: string): Promise<void> => request('DELETE', `/auth/throttles/${encodeURIComponent(id)}`),

    listAudit: (query: Partial<AuditQuery> = {}): Promise<AuditPage> => request('GET', '/audit', { query, schema: AuditPageSchema }),

    listStories: (query: Partial<ListStoriesQuery> = {}): Promise<StoryPage> =>
      request('GET', '/stories', { query, schema: StoryPageSchema }),
    getStory: (id: string): Promise<Story> => request('GET', story(id), { schema: StorySchema }),
    createStory: (input: CreateStoryInput): Promise<Story> => request('POST', '/stories', { body: input, schema: StorySchema }),
    updateStory: (id: string, input: UpdateStoryInput): Promise<Story> =>
      request('PATCH', story(id), { body: input, schema: StorySchema }),
    publishStory: (id: string, input: PublishStoryInput): Promise<Story> =>
      request('POST', `${story(id)}/publish`, { body: input, schema: StorySchema }),
    unpublishStory: (id: string, input: StoryTransitionInput): Promise<Story> =>
      request('POST', `${story(id)}/unpublish`, { body: input, schema: StorySchema }),
    deleteStory: (id: string, version: number): Promise<void> => request('DELETE', story(id), { query: { version } }),

    listCorrespondents: (query: Partial<ListCorrespondentsQuery> = {}): Promise<CorrespondentPage> =>
      request('GET', '/correspondents', { query, schema: CorrespondentPageSchema }),
    getCorrespondent: (id: string): Promise<Correspondent> => request('GET', correspondent(id), { schema: CorrespondentSchema }),
    createCorrespondent: (input: CreateCorrespondentInput): Promise<Correspondent> =>
      request('POST', '/correspondents', { body: input, schema: CorrespondentSchema }),
    updateCorrespondent: (id: string, input: UpdateCorrespondentInput): Promise<Correspondent> =>
      request('PATCH', correspondent(id), { body: input, schema: CorrespondentSchema }),
    publishCorrespondent: (id: string, input: CorrespondentTransitionInput): Promise<Correspondent> =>
      request('POST', `${correspondent(id)}/publish`, { body: input, schema: CorrespondentSchema }),
    unpublishCorrespondent: (id: string, input: CorrespondentTransitionInput): Promise<Correspondent> =>
      request('POST', `${correspondent(id)}/unpublish`, { body: input, schema: CorrespondentSchema }),
    deleteCorrespondent: (id: string, version: number): Promise<void> => request('DELETE', correspondent(id), { query: { version } }),

    listPeople: (query: Partial<ListPeopleQuery> = {}): Promise<PersonPage> => request('GET', '/people', { query, schema: PersonPageSchema }),
    getPerson: (id: string): Promise<Person> => request('GET', person(id), { schema: PersonSchema }),
    createPerson: (input: CreatePersonInput): Promise<Person> => request('POST', '/people', { body: input, schema: PersonSchema }),
    updatePerson: (id: string, input: UpdatePersonInput): Promise<Person> => request('PATCH', person(id), { body: input, schema: PersonSchema }),
    mergePerson: (id: string, input: MergePersonInput): Promise<Person> =>
      request('POST', `${person(id)}/merge`, { body: input, schema: PersonSchema }),

    /** Reads a pasted transcript: turns with matched speakers, the labels nobody matched, the credit line. */
    parseTranscript: (input: ParseTranscriptRequest): Promise<ParseTranscriptResponse> =>
      request('POST', '/transcripts/parse', { body: input, schema: ParseTranscriptResponseSchema }),

    /** multipart upload of one image (the API sniffs its type; 413 over 10 MB, 415 for anything but JPEG/PNG/WebP). */
    uploadMedia: (file: Blob, name: string, fields: UploadMediaFields = {}): Promise<Media> => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.append(key, value);
      form.append('file', file, name);
      return request('POST', '/media', { form, schema: MediaSchema });
    },
    updateMedia: (id: string, input: UpdateMediaInput): Promise<Media> =>
      request('PATCH', `/media/${encodeURIComponent(id)}`, { body: input, schema: MediaSchema }),

    ...deskEndpoints(request),
    ...scheduleEndpoints(request),
  };
}

export type Api = ReturnType<typeof createApi>;

/**
 * For client components: same-origin requests through the admin's /api proxy; the browser sends the
 * cookie. Any 401 from a call that needs a session sends the tab to /login (see session-end.ts).
 */
export const browserApi: Api = createApi({ baseUrl: '', headers: () => ({}), onSessionEnd: endSession });
