import { can } from '@newsdesk/contracts';
import { redirect } from 'next/navigation';
import { DESK_PATH, STORIES_PATH } from '@/lib/paths';
import { requireUser } from '@/lib/server-api';

/** Where signing in lands: editors (and admins) on their desk, everyone else on the story list. */
export default async function Home() {
  const user = await requireUser();
  redirect(can(user.roles, 'story.write') ? DESK_PATH : STORIES_PATH);
}
