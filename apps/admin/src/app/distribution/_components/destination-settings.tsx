'use client';

import { DESTINATION_KINDS, type Destination, type DestinationKind, type DistributionSettings } from '@newsdesk/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field } from '@/components/field';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';

const KIND_LABELS: Record<DestinationKind, string> = {
  cds: 'NPR CDS push (base URL, token)',
  webhook: 'Webhook (URL, optional signing key)',
  cdn_purge: 'CDN purge (URL template with {url})',
  websub: 'WebSub hub ping (hub URL)',
};

const problemText = (caught: unknown) =>
  isApiError(caught)
    ? (caught.problem.errors?.map((error) => `${error.field}: ${error.message}`).join('; ') ??
      caught.problem.detail ??
      caught.problem.title)
    : 'Could not save';

/** Admins: the station's CDS settings and the destinations (tokens are written, never shown). */
export function DestinationSettings({ settings, destinations }: { settings: DistributionSettings; destinations: Destination[] }) {
  const router = useRouter();
  const [prefix, setPrefix] = useState(settings.cdsPrefix ?? '');
  const [serviceId, setServiceId] = useState(settings.cdsServiceId ?? '');
  const [draft, setDraft] = useState({ name: '', kind: 'cds' as DestinationKind, url: '', token: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      router.refresh();
      return true;
    } catch (caught) {
      if (!isSessionEnd(caught)) setProblem(problemText(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="destinations-title">
      <h2 id="destinations-title">Destinations (admins)</h2>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <TextField id="cds-prefix" label="CDS document id prefix" value={prefix} onChange={setPrefix} />
      <TextField id="cds-service" label="CDS organization service id" value={serviceId} onChange={setServiceId} />
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() =>
          run(() =>
            browserApi.call('distribution.updateSettings', {
              body: { version: settings.version, cdsPrefix: prefix.trim() || null, cdsServiceId: serviceId.trim() || null },
            }),
          )
        }
      >
        Save CDS settings
      </button>

      <ul className="distribution-list">
        {destinations.map((destination) => (
          <li key={destination.id} className="distribution-row">
            <p>
              <strong>{destination.name}</strong> <span className="muted">{destination.kind}</span> {destination.url}{' '}
              {destination.hasToken ? <span className="muted">(token set)</span> : <span className="muted">(no token)</span>}
            </p>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                run(() =>
                  browserApi.call('distribution.updateDestination', {
                    params: { id: destination.id },
                    body: { version: destination.version, enabled: !destination.enabled },
                  }),
                )
              }
            >
              {destination.enabled ? `Turn off ${destination.name}` : `Turn on ${destination.name}`}
            </button>{' '}
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                run(() =>
                  browserApi.call('distribution.deleteDestination', {
                    params: { id: destination.id },
                    query: { version: destination.version },
                  }),
                )
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>

      <h3>Add a destination</h3>
      <TextField id="destination-name" label="Name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
      <Field id="destination-kind" label="Kind">
        <select
          id="destination-kind"
          value={draft.kind}
          onChange={(event) => setDraft({ ...draft, kind: event.target.value as DestinationKind })}
        >
          {DESTINATION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </Field>
      <TextField id="destination-url" label="URL" value={draft.url} onChange={(url) => setDraft({ ...draft, url })} />
      <TextField
        id="destination-token"
        label="Token (kept secret)"
        secret
        value={draft.token}
        onChange={(token) => setDraft({ ...draft, token })}
      />
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          const done = await run(() =>
            browserApi.call('distribution.createDestination', {
              body: { name: draft.name, kind: draft.kind, url: draft.url, ...(draft.token ? { token: draft.token } : {}) },
            }),
          );
          if (done) setDraft({ name: '', kind: 'cds', url: '', token: '' });
        }}
      >
        Add destination
      </button>
    </section>
  );
}

/** A labelled one-line text input (a secret one is a password input the browser does not fill). */
function TextField({
  id,
  label,
  value,
  onChange,
  secret = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  secret?: boolean;
}) {
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...(secret ? { type: 'password', autoComplete: 'off' } : {})}
      />
    </Field>
  );
}
