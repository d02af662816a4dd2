'use client';

import type { Dashboard, StorySummary } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { EmbargoBadge } from '@/components/embargo-badge';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { formatCountdown } from '@/lib/time-zones';
import { useNow } from '@/lib/use-now';

interface SectionSpec {
  key: keyof Dashboard;
  title: string;
  empty: string;
}

const SECTIONS: SectionSpec[] = [
  { key: 'myDrafts', title: 'My drafts', empty: 'No drafts of yours.' },
  { key: 'inReview', title: 'In review', empty: 'Nothing waits for review.' },
  { key: 'scheduled', title: 'Scheduled', empty: 'Nothing is scheduled.' },
  { key: 'recentlyPublished', title: 'Recently published', empty: 'Nothing published yet.' },
];

function Countdown({ iso, now }: { iso: string; now: number | null }) {
  if (now === null) return null;
  const left = Date.parse(iso) - now;
  return <span className="countdown">{left > 0 ? `goes live in ${formatCountdown(left)}` : 'live now'}</span>;
}

function StoryLine({ story, section, now }: { story: StorySummary; section: keyof Dashboard; now: number | null }) {
  return (
    <li className="desk-story">
      <Link href={`/stories/${story.id}`} className="desk-headline">
        {story.headline}
      </Link>
      <EmbargoBadge until={story.embargoUntil} />
      <span className="desk-meta">
        {section === 'scheduled' && story.publishedAt ? (
          <>
            <Countdown iso={story.publishedAt} now={now} /> · <LocalTime iso={story.publishedAt} />
          </>
        ) : section === 'recentlyPublished' && story.publishedAt ? (
          <>
            Published <LocalTime iso={story.publishedAt} />
          </>
        ) : (
          <>
            {section === 'inReview' ? <StatusBadge status={story.status} /> : null} Edited <LocalTime iso={story.updatedAt} />
          </>
        )}
      </span>
    </li>
  );
}

/** The four lists of the desk; when a scheduled story's time comes, the page reloads its data so it moves to Recently published. */
export function DashboardSections({ dashboard }: { dashboard: Dashboard }) {
  const router = useRouter();
  const now = useNow();
  const refreshedFor = useRef(new Set<string>());

  useEffect(() => {
    if (now === null) return;
    const due = dashboard.scheduled.filter(
      (story) => story.publishedAt && Date.parse(story.publishedAt) <= now - 1000 && !refreshedFor.current.has(story.id),
    );
    if (!due.length) return;
    for (const story of due) refreshedFor.current.add(story.id);
    router.refresh();
  }, [now, dashboard.scheduled, router]);

  return (
    <div className="desk-grid">
      {SECTIONS.map((section) => (
        <section key={section.key} className="panel desk-section" aria-labelledby={`desk-${section.key}`}>
          <h2 id={`desk-${section.key}`}>
            {section.title} <span className="desk-count">{dashboard[section.key].length}</span>
          </h2>
          {dashboard[section.key].length ? (
            <ul className="desk-list">
              {dashboard[section.key].map((story) => (
                <StoryLine key={story.id} story={story} section={section.key} now={now} />
              ))}
            </ul>
          ) : (
            <p className="muted">{section.empty}</p>
          )}
        </section>
      ))}
    </div>
  );
}
