import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { NotAllowed } from '@/components/not-allowed';
import { requireUser } from '@/lib/server-api';
import { CreateUserForm } from '../_components/create-user-form';

export const metadata: Metadata = { title: 'Add user' };

export default async function NewUserPage() {
  const user = await requireUser();
  if (!can(user.roles, 'user.manage')) return <NotAllowed section="Users" permission="user.manage" user={user} />;
  return <CreateUserForm />;
}
