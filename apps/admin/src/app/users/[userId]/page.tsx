import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { NotAllowed } from '@/components/not-allowed';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { UserEditor } from '../_components/user-editor';

type Params = Promise<{ userId: string }>;

/** One API call per request, shared by generateMetadata and the page; null when this user may not manage users. */
const loadUser = cache(async (userId: string) => {
  if (!can((await requireUser()).roles, 'user.manage')) return null;
  if (!IdSchema.safeParse(userId).success) notFound();
  try {
    return await (await serverApi()).call('users.get', { params: { id: userId } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { userId } = await params;
  const user = await loadUser(userId);
  return { title: user ? user.name : 'Users' };
}

export default async function UserPage({ params }: { params: Params }) {
  const { userId } = await params;
  const me = await requireUser();
  const user = await loadUser(userId);
  if (!user) return <NotAllowed section="Users" permission="user.manage" user={me} />;
  return <UserEditor key={user.id} user={user} isSelf={user.id === me.id} />;
}
