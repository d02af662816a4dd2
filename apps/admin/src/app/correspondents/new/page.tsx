import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/server-api';
import { CorrespondentForm } from '../_components/correspondent-form';

export const metadata: Metadata = { title: 'New correspondent' };

export default async function NewCorrespondentPage() {
  const user = await requireUser();
  if (!can(user.roles, 'correspondent.write')) {
    return (
      <div className="page-narrow">
        <h1>New correspondent</h1>
        <p>Correspondents&apos; profiles are managed by admins. Your role can read them but not create or change them.</p>
        <p>
          <Link href="/correspondents">Back to correspondents</Link>
        </p>
      </div>
    );
  }
  return <CorrespondentForm canWrite />;
}
