import { STORY_STATUSES, StoryStatusSchema, can, type StoryStatus } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { STATUS_LABELS } from '@/lib/format';
import { redirectWhenSignedOut, requireUser, serverApi } from '@/lib/server-api';
import { StoryList } from './_components/story-list';

export const metadata: Metadata = { title: 'Stories' };

const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function filterHref(status: StoryStatus | undefined, q: string | undefined): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `/stories?${query}` : '/stories';
}

export default async function StoriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const status = StoryStatusSchema.safeParse(single(params.status)).data;
  const q = single(params.q)?.trim().slice(0, 200) || undefined;

  const user = await requireUser();
  const api = await serverApi();
  const page = await api.listStories({ status, q, limit: PAGE_SIZE }).catch(async (error: unknown) => {
    await redirectWhenSignedOut(error);
    throw error;
  });

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
                <Link href={filterHref(value, q)} aria-current={value === status ? 'page' : undefined}>
                  {value ? STATUS_LABELS[value] : 'All'}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Form action="/stories" className="search" role="search">
          {status ? <input type="hidden" name="status" value={status} /> : null}
          <label htmlFor="story-search" className="visually-hidden">
            Search headlines
          </label>
          <input id="story-search" name="q" type="search" defaultValue={q} placeholder="Search headlines" />
          <button type="submit" className="button">
            Search
          </button>
        </Form>
      </div>

      <StoryList key={`${status ?? ''}|${q ?? ''}`} initialPage={page} status={status} q={q} pageSize={PAGE_SIZE} />
    </>
  );
}
