import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { NotAllowed } from '@/components/not-allowed';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { AudioAssetView } from '../_components/audio-asset-view';

type Params = Promise<{ audioId: string }>;

/** One API call per request, shared by generateMetadata and the page. */
const loadAudio = cache(async (id: string) => {
  if (!IdSchema.safeParse(id).success) notFound();
  try {
    return await (await serverApi()).call('audio.get', { params: { id } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    if (isApiError(error) && error.status === 403) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const audio = await loadAudio((await params).audioId);
  return { title: audio ? audio.title || audio.originalName || 'Audio' : 'Audio' };
}

/** One audio asset: player, what was read from the file, renditions and their encodes, rights, where it is used. */
export default async function AudioAssetPage({ params }: { params: Params }) {
  const user = await requireUser();
  if (!can(user.roles, 'story.read')) return <NotAllowed section="Audio" permission="story.read" user={user} />;
  const audio = await loadAudio((await params).audioId);
  if (!audio) return <NotAllowed section="Audio" permission="story.read" user={user} />;
  return <AudioAssetView key={audio.id} asset={audio} canWrite={can(user.roles, 'audio.write')} />;
}
