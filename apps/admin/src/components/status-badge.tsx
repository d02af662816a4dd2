import type { StoryStatus } from '@newsdesk/contracts';
import { STATUS_LABELS } from '@/lib/format';

export function StatusBadge({ status }: { status: StoryStatus }) {
  return <span className={`badge badge-${status}`}>{STATUS_LABELS[status]}</span>;
}
