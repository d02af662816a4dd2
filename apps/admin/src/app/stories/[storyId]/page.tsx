import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { StoryForm } from '../_components/story-form';

type Params = Promise<{ storyId: string }>;

/** One API call per request, shared by generateMetadata and the page. */
const loadStory = cache(async (storyId: string) => {
  if (!IdSchema.safeParse(storyId).success) notFound();
  try {
    return await (await serverApi()).call('stories.get', { params: { id: storyId } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { storyId } = await params;
  const story = await loadStory(storyId);
  return { title: story.headline };
}

export default async function EditStoryPage({ params }: { params: Params }) {
  const { storyId } = await params;
  const user = await requireUser();
  const story = await loadStory(storyId);
  return (
    <StoryForm
      key={story.id}
      story={story}
      canWrite={can(user.roles, 'story.write')}
      canPublish={can(user.roles, 'story.publish')}
      userId={user.id}
      isAdmin={user.roles.includes('admin')}
    />
  );
}
