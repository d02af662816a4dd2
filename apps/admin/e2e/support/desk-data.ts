import type { APIRequestContext } from '@playwright/test';
import { StorySchema, TagSchema, type Story, type Tag, type TagType } from '@newsdesk/contracts';
import { DEMO, apiToken } from './data';
import { API_URL } from './servers';

/** Set-up through the API for the stories desk specs (tags, publishing, reading stories back). */

function bearer(token: string): Record<string, string> {
  // The request context also keeps the login's cookie, so the CSRF header the API wants on cookie writes goes too.
  return { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' };
}

/** A tag created by the demo admin. */
export async function createTagViaApi(request: APIRequestContext, name: string, type: TagType = 'topic'): Promise<Tag> {
  const created = await request.post(`${API_URL}/api/tags`, { data: { name, type }, headers: bearer(await apiToken(request, DEMO.admin)) });
  if (created.status() !== 201) throw new Error(`Creating a tag failed: ${created.status()} ${await created.text()}`);
  return TagSchema.parse(await created.json());
}

/** Publishes a story now, as the demo editor. */
export async function publishStoryViaApi(request: APIRequestContext, story: Story): Promise<Story> {
  const published = await request.post(`${API_URL}/api/stories/${story.id}/publish`, {
    data: { version: story.version },
    headers: bearer(await apiToken(request, DEMO.editor)),
  });
  if (!published.ok()) throw new Error(`Publishing failed: ${published.status()} ${await published.text()}`);
  return StorySchema.parse(await published.json());
}

/** The staff view of a story, as the demo editor sees it. */
export async function getStoryViaApi(request: APIRequestContext, id: string): Promise<Story> {
  const response = await request.get(`${API_URL}/api/stories/${id}`, { headers: bearer(await apiToken(request, DEMO.editor)) });
  if (!response.ok()) throw new Error(`Reading the story failed: ${response.status()} ${await response.text()}`);
  return StorySchema.parse(await response.json());
}

/** `<input type="datetime-local" step="1">` value of an instant, in UTC. */
export function utcInputValue(instant: Date): string {
  return instant.toISOString().slice(0, 19);
}
