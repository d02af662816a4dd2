import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

/** A lowercase word no other record uses (letters only, so full-text search keeps it whole). */
export function word(prefix = 'w'): string {
  return (
    prefix +
    randomBytes(6)
      .toString('hex')
      .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)]!)
  );
}

/** A rich-text document of one paragraph per string. */
export const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** Newsroom writes through the real API for tests, failing loudly on any unexpected status. */
export class Desk {
  constructor(
    private readonly app: TestApp,
    private readonly token: string,
  ) {}

  async call(method: string, path: string, body?: unknown, expected = [200, 201, 204]): Promise<Body> {
    const response = await this.app.request(method, path, { token: this.token, body });
    if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  }

  story(fields: Record<string, unknown>): Promise<Body> {
    return this.call('POST', '/api/stories', { bylineIds: [this.app.bylineId], ...fields });
  }

  publish(story: { id: string; version: number }, publishAt?: string): Promise<Body> {
    return this.call('POST', `/api/stories/${story.id}/publish`, { version: story.version, ...(publishAt ? { publishAt } : {}) });
  }

  transition(story: { id: string; version: number }, name: 'submit' | 'unpublish' | 'return-to-draft'): Promise<Body> {
    return this.call('POST', `/api/stories/${story.id}/${name}`, { version: story.version });
  }

  edit(story: { id: string; version: number }, fields: Record<string, unknown>): Promise<Body> {
    return this.call('PATCH', `/api/stories/${story.id}`, { version: story.version, ...fields });
  }

  remove(story: { id: string; version: number }): Promise<Body> {
    return this.call('DELETE', `/api/stories/${story.id}?version=${story.version}`);
  }

  tag(name: string, slug?: string): Promise<Body> {
    return this.call('POST', '/api/tags', { name, type: 'topic', ...(slug ? { slug } : {}) });
  }

  person(displayName: string, slug?: string): Promise<Body> {
    return this.call('POST', '/api/people', { displayName, ...(slug ? { slug } : {}) });
  }

  /** A spoken transcript turn by a person. */
  static turn(personId: string, text: string) {
    return { personId, role: null, title: null, annotation: null, text };
  }
}
