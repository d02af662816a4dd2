'use client';

import { CreateCorrectionSchema, type Correction } from '@newsdesk/contracts';
import { useState } from 'react';
import { LocalTime } from '@/components/local-time';

interface Props {
  corrections: Correction[];
  /** Only a live story takes corrections; the list shows either way. */
  canCorrect: boolean;
  busy: boolean;
  adding: boolean;
  /** Appends a correction; resolves true when it was added. */
  onAdd: (text: string) => Promise<boolean>;
}

/** Corrections of a published story: shown to readers under the story, with their times. */
export function CorrectionsPanel({ corrections, canCorrect, busy, adding, onAdd }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add() {
    const parsed = CreateCorrectionSchema.shape.text.safeParse(text);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Describe the correction');
      return;
    }
    setError(null);
    if (await onAdd(parsed.data)) setText('');
  }

  if (!canCorrect && !corrections.length) return null;

  return (
    <section className="panel corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Corrections</h2>
      {corrections.length ? (
        <ol className="correction-list">
          {corrections.map((correction) => (
            <li key={correction.id}>
              <LocalTime iso={correction.correctedAt} />
              <p>{correction.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No corrections.</p>
      )}
      {canCorrect ? (
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor="story-correction">Add correction</label>
          <textarea
            id="story-correction"
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby="story-correction-hint"
          />
          <p id="story-correction-hint" className="field-hint">
            Shown to readers with the time it was added. The story keeps its publication time.
          </p>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="button" className="button" onClick={add} disabled={busy}>
            {adding ? 'Adding…' : 'Add correction'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
