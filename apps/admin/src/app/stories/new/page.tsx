import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/server-api';
import { StoryForm } from '../_components/story-form';

export const metadata: Metadata = { title: 'New story' };

export default async function NewStoryPage() {
  const user = await requireUser();
  if (!can(user.roles, 'story.write')) {
    return (
      <div className="page-narrow">
        <h1>New story</h1>
        <p>Your role can read stories but not write them. Ask an editor to create this story.</p>
        <p>
          <Link href="/stories">Back to stories</Link>
        </p>
      </div>
    );
  }
  return <StoryForm canWrite canPublish={can(user.roles, 'story.publish')} userId={user.id} />;
}
