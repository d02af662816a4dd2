import type { Metadata } from 'next';
import { requireUser } from '@/lib/server-api';
import { Prompter } from '../../../../_components/prompter';
import { loadStationRundown } from '../../../../_lib/load';

type Params = Promise<{ callSign: string; segmentId: string }>;

export const metadata: Metadata = { title: 'Prompter' };

export default async function PrompterPage({ params }: { params: Params }) {
  const { callSign, segmentId } = await params;
  await requireUser();
  const { rundown } = await loadStationRundown(callSign, segmentId);
  return <Prompter rundown={rundown} />;
}
