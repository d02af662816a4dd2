'use client';

import type { Delivery, StoryDistribution } from '@newsdesk/contracts';
import { useCallback, useEffect, useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import './distribution-panel.css';

interface Props {
  storyId: string;
  /** Fetched again when the story's version moves (a save, a publish, a correction enqueues deliveries). */
  storyVersion: number;
  canResend: boolean;
}

const STATE_LABELS: Record<Delivery['state'] | 'none', string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
  superseded: 'Superseded',
  skipped: 'Skipped',
  none: 'Not sent',
};
const EVENT_LABELS: Record<string, string> = {
  'story.published': 'publish',
  'story.updated': 'update',
  'story.unpublished': 'unpublish',
  'story.deleted': 'delete',
};

const problemText = (caught: unknown, what: string) =>
  isApiError(caught) ? `${what}: ${caught.problem.detail ?? caught.problem.title}` : `${what}.`;

/**
 * Distribution (issue 18 item 4): what CDS would refuse or what would hide the story in NPR One
 * (checks, before publishing), and per destination the latest delivery: sent / pending / failed with
 * the reason and the destination's answer, and Resend. Polled every 2 s while a delivery is pending.
 */
export function DistributionPanel({ storyId, storyVersion, canResend }: Props) {
  const [data, setData] = useState<StoryDistribution | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [resending, setResending] = useState<string | null>(null);

  const load = useCallback(
    () =>
      browserApi
        .call('distribution.story', { params: { id: storyId } })
        .then((answer) => {
          setData(answer);
          setProblem(null);
        })
        .catch((caught: unknown) => !isSessionEnd(caught) && setProblem(problemText(caught, 'Could not load the distribution'))),
    [storyId],
  );

  useEffect(() => {
    void load();
  }, [load, storyVersion]);

  // A just-made change has no delivery yet for a moment: poll a little after each version too.
  const [since, setSince] = useState(() => Date.now());
  useEffect(() => setSince(Date.now()), [storyVersion]);
  const pending = data?.destinations.some((row) => row.latest?.state === 'pending') ?? false;
  useEffect(() => {
    if (!pending && Date.now() - since > 10_000) return;
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [pending, since, load]);

  async function resend(delivery: Delivery) {
    setResending(delivery.id);
    try {
      await browserApi.call('distribution.resend', { params: { id: delivery.id }, body: {} });
      setSince(Date.now());
      await load();
    } catch (caught) {
      if (!isSessionEnd(caught)) setProblem(problemText(caught, 'Could not resend'));
    } finally {
      setResending(null);
    }
  }

  return (
    <section className="panel distribution" aria-labelledby="distribution-title">
      <h2 id="distribution-title">Distribution</h2>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {data?.checks.length ? (
        <div className="banner banner-warning distribution-checks" role="status" aria-label="CDS checks">
          <p className="banner-title">Before sending to NPR (CDS)</p>
          <ul>
            {data.checks.map((check) => (
              <li key={`${check.code}-${check.message}`}>{check.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {data && !data.destinations.length ? <p className="muted">No destinations are configured.</p> : null}
      <ul className="distribution-list">
        {data?.destinations.map(({ destination, latest }) => {
          const state = latest?.state ?? 'none';
          return (
            <li key={destination.id} className={`distribution-row distribution-${state}`} data-destination={destination.name}>
              <p>
                <strong>{destination.name}</strong>{' '}
                <span className="muted">
                  ({destination.kind}
                  {destination.enabled ? '' : ', off'})
                </span>{' '}
                <span className={`badge delivery-${state}`}>{STATE_LABELS[state]}</span>
              </p>
              {latest ? (
                <p className="muted">
                  {EVENT_LABELS[latest.event] ?? latest.event} of version {latest.storyVersion}, {latest.attempts} attempt
                  {latest.attempts === 1 ? '' : 's'}
                  {latest.sentAt ? (
                    <>
                      , sent <LocalTime iso={latest.sentAt} />
                    </>
                  ) : latest.lastAttemptAt ? (
                    <>
                      , last tried <LocalTime iso={latest.lastAttemptAt} />
                    </>
                  ) : null}
                </p>
              ) : null}
              {latest?.reason ? (
                <p className={state === 'failed' ? 'delivery-reason field-error' : 'delivery-reason muted'}>{latest.reason}</p>
              ) : null}
              {latest?.request || latest?.responseStatus ? (
                <details>
                  <summary>Request and response</summary>
                  {latest.request ? <p className="delivery-request">{latest.request}</p> : null}
                  {latest.responseStatus ? <p>Answered {latest.responseStatus}</p> : null}
                  {latest.responseExcerpt ? <pre className="delivery-excerpt">{latest.responseExcerpt}</pre> : null}
                </details>
              ) : null}
              {state === 'failed' && canResend && latest ? (
                <button type="button" className="button" onClick={() => resend(latest)} disabled={resending !== null}>
                  {resending === latest.id ? 'Resending…' : 'Resend'}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
