import { can } from '@newsdesk/contracts';
import { redirect } from 'next/navigation';
import { DESK_PATH, SCHEDULE_PATH, STORIES_PATH } from '@/lib/paths';
import { requireUser, serverApi } from '@/lib/server-api';

/**
 * Where signing in lands: editors (and admins) on their desk, producers on the schedule they plan
 * (or on the live view of their block when one is on air or about to be), everyone else on the
 * story list.
 */
export default async function Home() {
  const user = await requireUser();
  if (!can(user.roles, 'story.write') && can(user.roles, 'schedule.write')) {
    const onAir = await (await serverApi()).call('rundowns.onAir').catch(() => ({ items: [] }));
    const mine = onAir.items.find((block) => block.mine);
    if (mine) redirect(`${SCHEDULE_PATH}/${mine.callSign}/segments/${mine.segmentId}/live`);
  }
  redirect(can(user.roles, 'story.write') ? DESK_PATH : can(user.roles, 'schedule.write') ? SCHEDULE_PATH : STORIES_PATH);
}
