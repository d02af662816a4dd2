import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { CorrespondentForm } from '../_components/correspondent-form';

type Params = Promise<{ correspondentId: string }>;

/** One API call per request, shared by generateMetadata and the page. */
const loadCorrespondent = cache(async (id: string) => {
  if (!IdSchema.safeParse(id).success) notFound();
  try {
    return await (await serverApi()).call('correspondents.get', { params: { id } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { correspondentId } = await params;
  return { title: (await loadCorrespondent(correspondentId)).name };
}

export default async function EditCorrespondentPage({ params }: { params: Params }) {
  const { correspondentId } = await params;
  const user = await requireUser();
  const correspondent = await loadCorrespondent(correspondentId);
  return <CorrespondentForm key={correspondent.id} correspondent={correspondent} canWrite={can(user.roles, 'correspondent.write')} />;
}
