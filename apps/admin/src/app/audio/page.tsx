import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { NotAllowed } from '@/components/not-allowed';
import { requireUser, serverApi } from '@/lib/server-api';
import { single, type SearchParams } from '@/lib/search-params';
import { AudioLibrary } from './_components/audio-library';

export const metadata: Metadata = { title: 'Audio' };

const PAGE_SIZE = 30;

/** The audio library: every uploaded or external asset, newest first, with search and upload. */
export default async function AudioPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (!can(user.roles, 'story.read')) return <NotAllowed section="Audio" permission="story.read" user={user} />;
  const q =
    single((await searchParams).q)
      ?.trim()
      .slice(0, 200) || undefined;
  const page = await (await serverApi()).call('audio.list', { query: { q, limit: PAGE_SIZE } });
  return <AudioLibrary key={q ?? ''} initialPage={page} q={q} pageSize={PAGE_SIZE} canWrite={can(user.roles, 'audio.write')} />;
}
