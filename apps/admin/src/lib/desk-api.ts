import {
  DashboardSchema,
  RevisionDiffSchema,
  RevisionListSchema,
  RevisionSchema,
  StorySchema,
  TagPageSchema,
  TagSchema,
  TagSuggestionListSchema,
  type CreateCorrectionInput,
  type CreateTagInput,
  type Dashboard,
  type ListTagsQuery,
  type Revision,
  type RevisionDiff,
  type RevisionList,
  type Story,
  type StoryTransitionInput,
  type Tag,
  type TagPage,
  type TagSuggestionList,
} from '@newsdesk/contracts';
import type { z } from 'zod';

/** The typed request of createApi (src/lib/api.ts), as these endpoints use it. */
export type DeskRequest = <S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; query?: Record<string, string | number | undefined>; schema: S },
) => Promise<z.output<S>>;

/**
 * The stories desk's endpoints beyond plain story CRUD: dashboard, tags and suggestions, workflow
 * transitions, corrections and revisions. Spread into createApi's client, so callers use
 * `browserApi.dashboard()` like any other endpoint.
 */
export function deskEndpoints(request: DeskRequest) {
  const story = (id: string) => `/stories/${encodeURIComponent(id)}`;
  return {
    dashboard: (): Promise<Dashboard> => request('GET', '/stories/dashboard', { schema: DashboardSchema }),

    submitStory: (id: string, input: StoryTransitionInput): Promise<Story> =>
      request('POST', `${story(id)}/submit`, { body: input, schema: StorySchema }),
    returnStoryToDraft: (id: string, input: StoryTransitionInput): Promise<Story> =>
      request('POST', `${story(id)}/return-to-draft`, { body: input, schema: StorySchema }),
    addCorrection: (id: string, input: CreateCorrectionInput): Promise<Story> =>
      request('POST', `${story(id)}/corrections`, { body: input, schema: StorySchema }),

    listRevisions: (id: string): Promise<RevisionList> => request('GET', `${story(id)}/revisions`, { schema: RevisionListSchema }),
    getRevision: (id: string, n: number): Promise<Revision> => request('GET', `${story(id)}/revisions/${n}`, { schema: RevisionSchema }),
    diffRevisions: (id: string, from: number, to: number): Promise<RevisionDiff> =>
      request('GET', `${story(id)}/revisions/diff`, { query: { from, to }, schema: RevisionDiffSchema }),
    restoreRevision: (id: string, n: number, input: StoryTransitionInput): Promise<Story> =>
      request('POST', `${story(id)}/revisions/${n}/restore`, { body: input, schema: StorySchema }),

    listTags: (query: Partial<ListTagsQuery> = {}): Promise<TagPage> => request('GET', '/tags', { query, schema: TagPageSchema }),
    getTag: (id: string): Promise<Tag> => request('GET', `/tags/${encodeURIComponent(id)}`, { schema: TagSchema }),
    createTag: (input: CreateTagInput): Promise<Tag> => request('POST', '/tags', { body: input, schema: TagSchema }),
    /** Existing tags whose name or alias occurs in the story as saved (its own tags left out), best first. */
    tagSuggestions: (id: string): Promise<TagSuggestionList> =>
      request('POST', `${story(id)}/tag-suggestions`, { schema: TagSuggestionListSchema }),
  };
}
