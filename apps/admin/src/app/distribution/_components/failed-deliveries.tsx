'use client';

import type { DeliveryPage } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';

/** Failed deliveries across stories (a later success of the same story and destination clears one), with Resend. */
export function FailedDeliveries({ initial, canResend }: { initial: DeliveryPage; canResend: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function resend(id: string) {
    setBusy(id);
    try {
      await browserApi.call('distribution.resend', { params: { id }, body: {} });
      router.refresh();
    } catch (caught) {
      if (!isSessionEnd(caught)) setProblem(isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'Could not resend');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="failed-title">
      <h2 id="failed-title">Failed deliveries ({initial.total})</h2>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {!initial.items.length ? <p className="muted">Nothing failed. Every delivery went through or is on its way.</p> : null}
      <ul className="failed-list">
        {initial.items.map((delivery) => (
          <li key={delivery.id}>
            <p>
              <Link href={`/stories/${delivery.storyId}`}>{delivery.storySlug}</Link> → <strong>{delivery.destination.name}</strong> (
              {delivery.event.replace('story.', '')}, version {delivery.storyVersion}), last tried{' '}
              {delivery.lastAttemptAt ? <LocalTime iso={delivery.lastAttemptAt} /> : 'never'}
            </p>
            <p className="field-error">{delivery.reason}</p>
            {delivery.responseStatus ? (
              <p className="muted">
                Answered {delivery.responseStatus}: {delivery.responseExcerpt}
              </p>
            ) : null}
            {canResend ? (
              <button type="button" className="button" disabled={busy !== null} onClick={() => resend(delivery.id)}>
                {busy === delivery.id ? 'Resending…' : 'Resend'}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
