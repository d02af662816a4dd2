import { can } from '@newsdesk/contracts';
import { redirect } from 'next/navigation';
import { DESK_PATH, SCHEDULE_PATH, STORIES_PATH } from '@/lib/paths';
import { requireUser } from '@/lib/server-api';

/**
 * Where signing in lands: editors (and admins) on their desk, producers on the schedule they plan,
 * everyone else on the story list.
 */
export default async function Home() {
  const user = await requireUser();
  redirect(can(user.roles, 'story.write') ? DESK_PATH : can(user.roles, 'schedule.write') ? SCHEDULE_PATH : STORIES_PATH);
}
