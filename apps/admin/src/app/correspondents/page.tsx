import { can, type ListCorrespondentsQuery } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { redirectWhenSignedOut, requireUser, serverApi } from '@/lib/server-api';
import { CorrespondentList } from './_components/correspondent-list';

export const metadata: Metadata = { title: 'Correspondents' };

const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

/** The list's tabs, as filters of the API's list query. */
const TABS = [
  { key: 'all', label: 'All', filter: {} },
  { key: 'published', label: 'Published', filter: { status: 'published' } },
  { key: 'draft', label: 'Drafts', filter: { status: 'draft' } },
  { key: 'departed', label: 'Departed', filter: { active: 'false' } },
] as const satisfies ReadonlyArray<{ key: string; label: string; filter: Partial<ListCorrespondentsQuery> }>;
type TabKey = (typeof TABS)[number]['key'];

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function tabHref(tab: TabKey, q: string | undefined): string {
  const params = new URLSearchParams();
  if (tab !== 'all') params.set('show', tab);
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `/correspondents?${query}` : '/correspondents';
}

export default async function CorrespondentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const tab = TABS.find((entry) => entry.key === single(params.show)) ?? TABS[0];
  const q = single(params.q)?.trim().slice(0, 200) || undefined;

  const user = await requireUser();
  const api = await serverApi();
  const filter: Partial<ListCorrespondentsQuery> = { ...tab.filter, q };
  const page = await api.listCorrespondents({ ...filter, limit: PAGE_SIZE }).catch(async (error: unknown) => {
    await redirectWhenSignedOut(error);
    throw error;
  });

  return (
    <>
      <div className="page-header">
        <h1>Correspondents</h1>
        {can(user.roles, 'correspondent.write') ? (
          <Link href="/correspondents/new" className="button button-primary">
            New correspondent
          </Link>
        ) : null}
      </div>

      <div className="filters">
        <nav aria-label="Filter correspondents">
          <ul className="tabs">
            {TABS.map((entry) => (
              <li key={entry.key}>
                <Link href={tabHref(entry.key, q)} aria-current={entry.key === tab.key ? 'page' : undefined}>
                  {entry.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Form action="/correspondents" className="search" role="search">
          {tab.key !== 'all' ? <input type="hidden" name="show" value={tab.key} /> : null}
          <label htmlFor="correspondent-search" className="visually-hidden">
            Search correspondents
          </label>
          <input id="correspondent-search" name="q" type="search" defaultValue={q} placeholder="Name, title or bureau" />
          <button type="submit" className="button">
            Search
          </button>
        </Form>
      </div>

      <CorrespondentList key={`${tab.key}|${q ?? ''}`} initialPage={page} filter={filter} pageSize={PAGE_SIZE} />
    </>
  );
}
