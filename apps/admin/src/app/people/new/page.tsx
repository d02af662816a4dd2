import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/server-api';
import { PersonForm } from '../_components/person-form';

export const metadata: Metadata = { title: 'New person' };

export default async function NewPersonPage() {
  const user = await requireUser();
  if (!can(user.roles, 'story.write')) {
    return (
      <div className="page-narrow">
        <h1>New person</h1>
        <p>Your role can read the people registry but not add to it. Ask an editor.</p>
        <p>
          <Link href="/people">Back to people</Link>
        </p>
      </div>
    );
  }
  return <PersonForm canWrite canEditProfiles={can(user.roles, 'correspondent.write')} />;
}
