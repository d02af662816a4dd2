import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { ClockEditor } from '../../../_components/clock-editor';

type Params = Promise<{ programId: string }>;

export const metadata: Metadata = { title: 'Hour clock' };

/** A program's hour clock (the template new rundowns of its blocks start from). */
export default async function ClockPage({ params }: { params: Params }) {
  const user = await requireUser();
  const { programId } = await params;
  if (!IdSchema.safeParse(programId).success) notFound();
  const api = await serverApi();
  let program, clock;
  try {
    [program, clock] = await Promise.all([
      api.call('programs.get', { params: { id: programId } }),
      api.call('programs.getClock', { params: { id: programId } }),
    ]);
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
  return (
    <>
      <p className="eyebrow">
        <Link href="/schedule/programs">Programs</Link>
      </p>
      <ClockEditor key={`${program.id}-${clock.version}`} program={program} clock={clock} canWrite={can(user.roles, 'schedule.write')} />
    </>
  );
}
