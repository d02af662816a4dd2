import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { StorySchema, type CreateStoryInput, type Story } from '@newsdesk/contracts';
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

/** Creates a story straight through the API (Bearer token of the demo editor), for tests that need one to exist. */
export async function createStoryViaApi(request: APIRequestContext, fields: CreateStoryInput): Promise<Story> {
  const login = await request.post(`${API_URL}/api/auth/login`, { data: DEMO.editor });
  if (!login.ok()) throw new Error(`Demo editor login failed: ${login.status()} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  // The request context keeps the login's cookie too, so send the CSRF header the API wants on cookie writes.
  const created = await request.post(`${API_URL}/api/stories`, {
    data: fields,
    headers: { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' },
  });
  if (created.status() !== 201) throw new Error(`Creating a story failed: ${created.status()} ${await created.text()}`);
  return StorySchema.parse(await created.json());
}
