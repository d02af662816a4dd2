'use client';

import type { PresenceViewer } from '@newsdesk/contracts';
import { initials, sectionLabel } from './presence-model';

/** Who else has this story open (one avatar per person, whichever of their tabs is busiest), and who is typing where. */
export function PresenceBar({ viewers }: { viewers: PresenceViewer[] }) {
  const people = new Map<string, PresenceViewer>();
  for (const viewer of viewers) {
    const known = people.get(viewer.userId);
    if (!known || (viewer.typing && !known.typing)) people.set(viewer.userId, viewer);
  }
  if (people.size === 0) return null;
  const list = [...people.values()];
  return (
    <div className="presence-bar" aria-label="Also on this story">
      <ul className="presence-avatars">
        {list.map((viewer) => (
          <li key={viewer.userId} className={viewer.typing ? 'presence-avatar presence-typing' : 'presence-avatar'} title={viewer.name}>
            <span aria-hidden="true">{initials(viewer.name)}</span>
            <span className="visually-hidden">{viewer.name}</span>
          </li>
        ))}
      </ul>
      <p className="presence-status" role="status">
        {list
          .filter((viewer) => viewer.typing)
          .map((viewer) => `${viewer.name} is typing${viewer.section ? ` in ${sectionLabel(viewer.section)}` : ''}`)
          .join('; ')}
      </p>
    </div>
  );
}
