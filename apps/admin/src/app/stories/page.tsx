import { IdSchema, STORY_STATUSES, StoryStatusSchema, can, type StoryStatus, type Tag } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { ListHeader } from '@/components/list-header';
import { isApiError } from '@/lib/api';
import { STATUS_LABELS } from '@/lib/format';
import { requireUser, serverApi } from '@/lib/server-api';
import { single, type SearchParams } from '@/lib/search-params';
import { StoryList } from './_components/story-list';
import { TagFilter } from './_components/tag-filter';

export const metadata: Metadata = { title: 'Stories' };

const PAGE_SIZE = 25;

function filterHref(filters: { status?: StoryStatus; q?: string; tag?: string }): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.q) params.set('q', filters.q);
  if (filters.tag) params.set('tag', filters.tag);
  const query = params.toString();
  return query ? `/stories?${query}` : '/stories';
}

export default async function StoriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const status = StoryStatusSchema.safeParse(single(params.status)).data;
  const q = single(params.q)?.trim().slice(0, 200) || undefined;
  const tagId = IdSchema.safeParse(single(params.tag)).data;

  const user = await requireUser();
  const api = await serverApi();
  const [page, tag] = await Promise.all([
    api.call('stories.list', { query: { status, q, tag: tagId, limit: PAGE_SIZE } }),
    tagId
      ? api.call('tags.get', { params: { id: tagId } }).catch((error: unknown): Tag | null => {
          if (isApiError(error) && error.status === 404) return null;
          throw error;
        })
      : null,
  ]);

  return (
    <>
      <ListHeader
        title="Stories"
        create={can(user.roles, 'story.write') ? { href: '/stories/new', label: 'New story' } : undefined}
        tabsLabel="Filter by status"
        tabs={[undefined, ...STORY_STATUSES].map((value) => ({
          key: value ?? 'all',
          label: value ? STATUS_LABELS[value] : 'All',
          href: filterHref({ status: value, q, tag: tagId }),
          current: value === status,
        }))}
        search={{
          action: '/stories',
          id: 'story-search',
          label: 'Search headlines',
          placeholder: 'Search headlines and text',
          q,
          keep: { status, tag: tagId },
        }}
      >
        <TagFilter key={tagId ?? 'none'} current={tag ?? null} baseHref={filterHref({ status, q })} />
      </ListHeader>

      <StoryList
        key={`${status ?? ''}|${q ?? ''}|${tagId ?? ''}`}
        initialPage={page}
        status={status}
        q={q}
        tag={tagId}
        pageSize={PAGE_SIZE}
      />
    </>
  );
}
