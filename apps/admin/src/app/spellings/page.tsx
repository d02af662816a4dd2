import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { NotAllowed } from '@/components/not-allowed';
import { requireUser, serverApi } from '@/lib/server-api';
import { SpellingDesk } from './_components/spelling-desk';
import { SpellingRule } from './_components/spelling-rule';

export const metadata: Metadata = { title: 'Spellings (ph)' };

const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

/** The "(ph)" desk: unverified spellings across stories' transcripts, newest edit first, by program; and the newsroom's rule for them. */
export default async function SpellingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (!can(user.roles, 'story.read')) return <NotAllowed section="the spellings desk" permission="story.read" user={user} />;
  const raw = (await searchParams).program;
  const program = typeof raw === 'string' && IdSchema.safeParse(raw).success ? raw : undefined;
  const api = await serverApi();
  const [page, programs, settings] = await Promise.all([
    api.call('transcripts.spellings', { query: { limit: PAGE_SIZE, ...(program ? { program } : {}) } }),
    can(user.roles, 'schedule.read') ? api.call('programs.list').then((list) => list.items) : Promise.resolve([]),
    api.call('settings.get'),
  ]);

  return (
    <>
      <div className="page-header">
        <h1>Spellings (ph)</h1>
        <p className="muted header-note">Names marked “(ph)” in transcripts, still to verify or correct. Newest edits first.</p>
      </div>
      <SpellingRule settings={settings} canChange={can(user.roles, 'settings.manage')} />
      <SpellingDesk
        key={program ?? 'all'}
        initialPage={page}
        program={program ?? null}
        programs={programs.map((p) => ({ id: p.id, name: p.name }))}
        pageSize={PAGE_SIZE}
      />
    </>
  );
}
