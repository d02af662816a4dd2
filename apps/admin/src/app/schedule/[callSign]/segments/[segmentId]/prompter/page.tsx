import { IdSchema } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { Prompter } from '../../../../_components/prompter';
import { loadStation } from '../../../../_lib/load';

type Params = Promise<{ callSign: string; segmentId: string }>;

export const metadata: Metadata = { title: 'Prompter' };

export default async function PrompterPage({ params }: { params: Params }) {
  const { callSign, segmentId } = await params;
  await requireUser();
  const station = await loadStation(callSign);
  if (!IdSchema.safeParse(segmentId).success) notFound();
  let rundown;
  try {
    rundown = await (await serverApi()).call('segments.getRundown', { params: { id: segmentId } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
  if (rundown.segment.stationId !== station.id) notFound();
  return <Prompter rundown={rundown} />;
}
