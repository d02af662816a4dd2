import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import {
  CorrespondentPageSchema,
  CreateUserResponseSchema,
  LoginResponseSchema,
  StorySchema,
  type CreateStoryInput,
  type CreateUserResponse,
  type Role,
  type Story,
  type UpdateStoryInput,
} from '@newsdesk/contracts';
import { API_URL } from './servers';

export interface Credentials {
  email: string;
  password: string;
}

/** Logins created by the API's demo seed (DEMO_DATA=true). */
export const DEMO = {
  admin: { email: 'admin@newsdesk.local', password: 'newsdesk-admin-demo' },
  editor: { email: 'editor@newsdesk.local', password: 'newsdesk-editor-demo' },
  producer: { email: 'producer@newsdesk.local', password: 'newsdesk-producer-demo' },
} satisfies Record<string, Credentials>;

/** A headline no other test (or earlier run against the same database) uses. */
export function uniqueHeadline(text: string): string {
  return `${text} ${randomBytes(4).toString('hex')}`;
}

/** A random tag for names and emails no other test (or earlier run) uses. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex');
}

/** A session token for these credentials, straight from the API (for setting up data, not for the browser). */
export async function apiToken(request: APIRequestContext, credentials: Credentials): Promise<string> {
  const login = await request.post(`${API_URL}/api/auth/login`, { data: credentials });
  if (!login.ok()) throw new Error(`Login of ${credentials.email} failed: ${login.status()} ${await login.text()}`);
  return LoginResponseSchema.parse(await login.json()).token;
}

/** Bearer-authenticated headers (the CSRF header too: the request context also keeps the login's cookie). */
function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' };
}

export interface TestUser extends Credentials {
  id: string;
  name: string;
}

/**
 * A staff account of its own for a test, created by the demo admin through the API, with a password
 * (never touch the demo users' passwords: other tests sign in with them).
 */
export async function createUserViaApi(request: APIRequestContext, options: { roles: Role[]; name?: string }): Promise<TestUser> {
  const tag = uniqueTag();
  const email = `e2e-${tag}@newsdesk.test`;
  const name = options.name ? `${options.name} ${tag}` : `Test User ${tag}`;
  const password = `e2e-password-${uniqueTag()}`;
  const created = await request.post(`${API_URL}/api/users`, {
    data: { email, name, roles: options.roles, password },
    headers: bearer(await apiToken(request, DEMO.admin)),
  });
  if (created.status() !== 201) throw new Error(`Creating a user failed: ${created.status()} ${await created.text()}`);
  const body: CreateUserResponse = CreateUserResponseSchema.parse(await created.json());
  return { id: body.user.id, email, name, password };
}

/** Changes a user's password through the API (which ends all their sessions). */
export async function changePasswordViaApi(request: APIRequestContext, user: Credentials, newPassword: string): Promise<void> {
  const changed = await request.post(`${API_URL}/api/auth/password`, {
    data: { currentPassword: user.password, newPassword },
    headers: bearer(await apiToken(request, user)),
  });
  if (changed.status() !== 200) throw new Error(`Changing the password failed: ${changed.status()} ${await changed.text()}`);
}

/** Edits a story through the API as the demo editor. */
export async function updateStoryViaApi(request: APIRequestContext, id: string, fields: UpdateStoryInput): Promise<Story> {
  const updated = await request.patch(`${API_URL}/api/stories/${id}`, {
    data: fields,
    headers: bearer(await apiToken(request, DEMO.editor)),
  });
  if (!updated.ok()) throw new Error(`Updating the story failed: ${updated.status()} ${await updated.text()}`);
  return StorySchema.parse(await updated.json());
}

/** The demo correspondent (Lucian Kim) that stories made by the tests are bylined to. */
async function demoBylineId(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${API_URL}/api/correspondents?q=Lucian%20Kim`, {
    headers: bearer(await apiToken(request, DEMO.editor)),
  });
  const page = CorrespondentPageSchema.parse(await response.json());
  const kim = page.items.find((item) => item.slug === 'lucian-kim');
  if (!kim) throw new Error('The demo correspondent Lucian Kim is missing (is DEMO_DATA on?)');
  return kim.id;
}

/** Creates a story straight through the API (Bearer token of the demo editor), bylined to the demo correspondent unless told otherwise. */
export async function createStoryViaApi(request: APIRequestContext, fields: CreateStoryInput): Promise<Story> {
  const data = { bylineIds: [await demoBylineId(request)], ...fields };
  const created = await request.post(`${API_URL}/api/stories`, { data, headers: bearer(await apiToken(request, DEMO.editor)) });
  if (created.status() !== 201) throw new Error(`Creating a story failed: ${created.status()} ${await created.text()}`);
  return StorySchema.parse(await created.json());
}

/** Changes a user's name, roles or active flag through the API as the demo admin. */
export async function updateUserViaApi(
  request: APIRequestContext,
  id: string,
  fields: { name?: string; roles?: Role[]; active?: boolean },
): Promise<void> {
  const headers = bearer(await apiToken(request, DEMO.admin));
  const current = await request.get(`${API_URL}/api/users/${id}`, { headers });
  if (!current.ok()) throw new Error(`Reading the user failed: ${current.status()} ${await current.text()}`);
  const { version } = (await current.json()) as { version: number };
  const updated = await request.patch(`${API_URL}/api/users/${id}`, { data: { version, ...fields }, headers });
  if (!updated.ok()) throw new Error(`Updating the user failed: ${updated.status()} ${await updated.text()}`);
}

/** `<input type="datetime-local">` value of an instant's wall time in a zone (to the second). */
export function wallTime(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
