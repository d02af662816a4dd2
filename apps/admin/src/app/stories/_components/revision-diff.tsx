'use client';

import type { RevisionDiff } from '@newsdesk/contracts';
import { FIELD_LABELS } from './story-form-model';

function describe(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (Array.isArray(value)) return value.length ? value.map((item) => names.get(String(item)) ?? String(item)).join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One revision against another, field by field; prose as a word diff (removed struck through, added underlined). */
export function RevisionDiffView({ diff, names }: { diff: RevisionDiff; names: ReadonlyMap<string, string> }) {
  if (!diff.fields.length)
    return (
      <p className="muted">
        Revisions {diff.from} and {diff.to} have the same content.
      </p>
    );
  return (
    <div className="revision-diff" aria-label={`Changes from revision ${diff.from} to ${diff.to}`} role="region">
      <p className="muted">
        From revision {diff.from} to revision {diff.to}: <del>removed</del> <ins>added</ins>
      </p>
      {diff.fields.map((field) => (
        <section key={field.field} className="diff-field">
          <h4>{FIELD_LABELS[field.field] ?? field.field}</h4>
          {field.words ? (
            <p className="word-diff">
              {field.words.map(([op, text], index) =>
                op === -1 ? <del key={index}>{text}</del> : op === 1 ? <ins key={index}>{text}</ins> : <span key={index}>{text}</span>,
              )}
            </p>
          ) : (
            <p className="word-diff">
              <del>{describe(field.before, names)}</del> → <ins>{describe(field.after, names)}</ins>
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
