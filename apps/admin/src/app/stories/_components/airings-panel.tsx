'use client';

import type { StoryAiringList } from '@newsdesk/contracts';
import { useEffect, useState } from 'react';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';

interface Props {
  storyId: string;
}

/** "aired on WAMU, Morning Edition, 7:42 AM EST" → "Aired on …", with the station-time date. */
const sentence = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

/**
 * Where and when the story aired (issue 20 item 4), from the as-run logs: one line per take of a
 * rundown item linked to the story, newest first, in the station's time (GET /api/stories/{id}/airings).
 */
export function AiringsPanel({ storyId }: Props) {
  const [airings, setAirings] = useState<StoryAiringList['items'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    browserApi
      .call('stories.airings', { params: { id: storyId } })
      .then((list) => !cancelled && setAirings(list.items))
      .catch(
        (caught: unknown) =>
          !cancelled &&
          !isSessionEnd(caught) &&
          setProblem(isApiError(caught) ? `Could not load the airings: ${caught.problem.title}` : 'Could not load the airings.'),
      );
    return () => {
      cancelled = true;
    };
  }, [storyId]);

  return (
    <section className="panel airings" aria-labelledby="airings-title">
      <h2 id="airings-title">On air</h2>
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
      {airings === null && !problem ? <p className="muted">Loading…</p> : null}
      {airings?.length === 0 ? <p className="muted">Not aired yet.</p> : null}
      {airings?.length ? (
        <ul className="airing-list" aria-label="Airings">
          {airings.map((airing) => (
            <li key={`${airing.segmentId}-${airing.airedAt}`}>
              {sentence(airing.label)}{' '}
              <time dateTime={airing.airedAt} title={airing.airedAtLocal}>
                ({airing.airedAtLocal.slice(0, 10)})
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
