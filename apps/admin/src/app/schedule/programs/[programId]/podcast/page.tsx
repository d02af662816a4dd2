import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { PodcastPanels } from '../../../_components/podcast-panels';

type Params = Promise<{ programId: string }>;

const loadProgram = cache(async (id: string) => {
  if (!IdSchema.safeParse(id).success) notFound();
  try {
    return await (await serverApi()).call('programs.get', { params: { id } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${(await loadProgram((await params).programId)).name} podcast` };
}

/** A program as a podcast: its settings, the feed check (what Apple or Podcast Index would reject) and its episodes. */
export default async function ProgramPodcastPage({ params }: { params: Params }) {
  const user = await requireUser();
  const program = await loadProgram((await params).programId);
  const api = await serverApi();
  const [settings, check, episodes] = await Promise.all([
    api.call('podcasts.get', { params: { id: program.id } }),
    api.call('podcasts.check', { params: { id: program.id } }),
    api.call('podcasts.episodes', { params: { id: program.id } }),
  ]);
  return (
    <PodcastPanels
      key={`${program.id}-${settings.version}`}
      program={program}
      settings={settings}
      check={check}
      episodes={episodes.items}
      canWrite={can(user.roles, 'schedule.write')}
      canUploadArtwork={can(user.roles, 'story.write')}
    />
  );
}
