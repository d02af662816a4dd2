import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { PersonForm } from '../_components/person-form';

type Params = Promise<{ personId: string }>;

/** One API call per request, shared by generateMetadata and the page. */
const loadPerson = cache(async (id: string) => {
  if (!IdSchema.safeParse(id).success) notFound();
  try {
    return await (await serverApi()).call('people.get', { params: { id } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { personId } = await params;
  return { title: (await loadPerson(personId)).displayName };
}

export default async function EditPersonPage({ params }: { params: Params }) {
  const { personId } = await params;
  const user = await requireUser();
  const person = await loadPerson(personId);
  return (
    <PersonForm
      key={`${person.id}-${person.version}`}
      person={person}
      canWrite={can(user.roles, 'story.write')}
      canEditProfiles={can(user.roles, 'correspondent.write')}
    />
  );
}
