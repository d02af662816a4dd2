import { IdSchema, STORY_STATUSES, StoryStatusSchema, can, type StoryStatus, type Tag } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { isApiError } from '@/lib/api';
import { STATUS_LABELS } from '@/lib/format';
import { redirectWhenSignedOut, requireUser, serverApi } from '@/lib/server-api';
import { StoryList } from './_components/story-list';
import { TagFilter } from './_components/tag-filter';

export const metadata: Metadata = { title: 'Stories' };

const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

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
  const failed = async (error: unknown): Promise<never> => {
    await redirectWhenSignedOut(error);
    throw error;
  };
  const [page, tag] = await Promise.all([
    api.listStories({ status, q, tag: tagId, limit: PAGE_SIZE }).catch(failed),
    tagId ? api.getTag(tagId).catch((error: unknown): Promise<Tag | null> => (isApiError(error) && error.status === 404 ? Promise.resolve(null) : failed(error))) : null,
  ]);

  return (
    <>
      <div className="page-header">
        <h1>Stories</h1>
        {can(user.roles, 'story.write') ? (
          <Link href="/stories/new" className="button button-primary">
            New story
          </Link>
        ) : null}
      </div>

      <div className="filters">
        <nav aria-label="Filter by status">
          <ul className="tabs">
            {[undefined, ...STORY_STATUSES].map((value) => (
              <li key={value ?? 'all'}>
                <Link href={filterHref({ status: value, q, tag: tagId })} aria-current={value === status ? 'page' : undefined}>
                  {value ? STATUS_LABELS[value] : 'All'}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="filters-row">
          <Form action="/stories" className="search" role="search">
            {status ? <input type="hidden" name="status" value={status} /> : null}
            {tagId ? <input type="hidden" name="tag" value={tagId} /> : null}
            <label htmlFor="story-search" className="visually-hidden">
              Search headlines
            </label>
            <input id="story-search" name="q" type="search" defaultValue={q} placeholder="Search headlines and text" />
            <button type="submit" className="button">
              Search
            </button>
          </Form>
          <TagFilter key={tagId ?? 'none'} current={tag ?? null} baseHref={filterHref({ status, q })} />
        </div>
      </div>

      <StoryList key={`${status ?? ''}|${q ?? ''}|${tagId ?? ''}`} initialPage={page} status={status} q={q} tag={tagId} pageSize={PAGE_SIZE} />
    </>
  );
}
