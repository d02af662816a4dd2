import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/paths';
import { requireUser } from '@/lib/server-api';

export default async function Home() {
  redirect(homePathFor((await requireUser()).roles));
}
