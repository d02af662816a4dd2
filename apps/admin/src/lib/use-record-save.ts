'use client';

import { useEffect, useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { RecordNotice } from '@/components/record-notice';
import { isApiError, type ApiError } from './api';

/** Messages to show on the page a create or merge lands on (the form there is a new instance). */
const arrivals = new Map<string, string>();

/** Leaves `message` for the form that opens record `id` next (e.g. "Person added." after a create). */
export function announceArrival(id: string, message: string): void {
  arrivals.set(id, message);
}

interface Options<Record extends { id: string }, Form extends FieldValues> {
  /** The record the form opened with (absent for "new"). */
  initial: Record | undefined;
  setError: UseFormSetError<Form>;
  /** The form field an API field path belongs on, or null (its message goes in the banner). */
  fieldOf: (apiField: string) => Path<Form> | null;
  /** The banner's title when every field error found its field. */
  invalidTitle: (error: ApiError) => string;
}

/**
 * The admin's one save path for a record form: busy state (one action at a time), the notice banner
 * (failures, a 409 conflict with its reload button, an ended session), the status message ("Saved.",
 * and the one left by announceArrival for the page a create lands on), and the field errors of a
 * problem's errors[] set on their form fields (the first focused).
 */
export function useRecordSave<Record extends { id: string }, Form extends FieldValues, Busy extends string = string>({
  initial,
  setError,
  fieldOf,
  invalidTitle,
}: Options<Record, Form>) {
  const [saved, setSaved] = useState<Record | undefined>(initial);
  const [notice, setNotice] = useState<RecordNotice | null>(null);
  const [message, setMessage] = useState<string | null>(() => (initial ? (arrivals.get(initial.id) ?? null) : null));
  const [busy, setBusy] = useState<Busy | null>(null);

  useEffect(() => {
    if (initial) arrivals.delete(initial.id);
  }, [initial]);

  /** Shows why a request failed: field errors on their fields, the rest in the banner. */
  function showFailure(error: unknown) {
    if (!isApiError(error)) {
      setNotice({
        kind: 'error',
        title: 'The server could not be reached.',
        detail: 'Your edits are still here. Check your connection and try again.',
      });
      return;
    }
    if (error.status === 401) return setNotice({ kind: 'session' });
    const unmapped: string[] = [];
    let mapped = 0;
    for (const fieldError of error.fieldErrors) {
      const path = fieldOf(fieldError.field);
      if (path) {
        setError(path, { type: 'server', message: fieldError.message }, { shouldFocus: mapped === 0 });
        mapped += 1;
      } else {
        unmapped.push(fieldError.field === '(body)' ? fieldError.message : `${fieldError.field}: ${fieldError.message}`);
      }
    }
    if (error.status === 409 && error.problem.currentVersion !== undefined && saved) {
      setNotice({ kind: 'conflict', currentVersion: error.problem.currentVersion });
    } else if (mapped > 0 && unmapped.length === 0) setNotice({ kind: 'error', title: invalidTitle(error) });
    else if (error.status === 403)
      setNotice({ kind: 'error', title: 'You do not have permission to do that.', detail: error.problem.detail });
    else setNotice({ kind: 'error', title: error.problem.title, detail: error.problem.detail, items: unmapped });
  }

  /** Runs `task` as action `kind` unless another is running; a thrown error is shown (never rethrown). */
  async function run(kind: Busy, task: () => Promise<void>): Promise<void> {
    if (busy) return;
    setBusy(kind);
    try {
      await task();
    } catch (error) {
      showFailure(error);
    } finally {
      setBusy(null);
    }
  }

  return { saved, setSaved, notice, setNotice, message, setMessage, busy, run, showFailure };
}
