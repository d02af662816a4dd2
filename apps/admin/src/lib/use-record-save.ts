'use client';

import { useEffect, useRef, useState } from 'react';
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
  fieldOf: (apiField: string) => Path<Form> | null | undefined;
  /** The banner's title when every field error found its field; null for no banner (the fields say it all). */
  invalidTitle: (error: ApiError) => string | null;
  /**
   * A 409 carrying errors[] is about fields (e.g. a segment overlapping another: the start field), not
   * a stale version: its errors go on their fields like a 400's. Default false.
   */
  fieldConflicts?: boolean;
  /** A stale version's conflict notice names the fields the other save changed (changedFields). Default false. */
  changedFields?: boolean;
  /** Called when a write was refused as stale (a 409 conflict notice is shown), e.g. to stop autosave. */
  onConflict?: () => void;
  /** The banner's title when the record is gone (404), e.g. "This story no longer exists."; else the problem's own. */
  notFound?: { title: string; detail?: string };
  /**
   * Lists every field error in the banner (mapped ones too), each labelled by this function; a 400
   * whose errors are all listed then takes invalidTitle as its title. Default: only unmapped ones.
   */
  labelOf?: (apiField: string) => string;
  /**
   * An ended session (401): 'notice' shows the session banner (default); 'ignore' leaves it to the
   * API client, which takes the tab to /login with the edits kept.
   */
  sessionEnd?: 'notice' | 'ignore';
}

/**
 * The admin's one save path for a record form: busy state (one action at a time), the notice banner
 * (failures, a 409 conflict with its reload button, an ended session), the status message ("Saved.",
 * and the one left by announceArrival for the page a create lands on), and the field errors of a
 * problem's errors[] set on their form fields (the first focused). The story editor, the person,
 * correspondent and user forms and the segment dialog all save through it.
 */
export function useRecordSave<Record extends { id: string }, Form extends FieldValues, Busy extends string = string>({
  initial,
  setError,
  fieldOf,
  invalidTitle,
  fieldConflicts = false,
  changedFields = false,
  onConflict,
  notFound,
  labelOf,
  sessionEnd = 'notice',
}: Options<Record, Form>) {
  const [saved, setSaved] = useState<Record | undefined>(initial);
  const [notice, setNotice] = useState<RecordNotice | null>(null);
  const [message, setMessage] = useState<string | null>(() => (initial ? (arrivals.get(initial.id) ?? null) : null));
  const [busy, setBusy] = useState<Busy | null>(null);
  /** The running action, read synchronously (two clicks or an autosave in the same tick see it). */
  const busyRef = useRef<Busy | null>(null);

  useEffect(() => {
    if (initial) arrivals.delete(initial.id);
  }, [initial]);

  /**
   * Shows why a request failed: a stale version as a conflict, field errors on their fields (the
   * first focused unless `focus` is false, e.g. for an autosave), the rest in the banner.
   */
  function showFailure(error: unknown, focus = true) {
    if (!isApiError(error)) {
      setNotice({
        kind: 'error',
        title: 'The server could not be reached.',
        detail: 'Your edits are still here. Check your connection and try again.',
      });
      return;
    }
    if (error.status === 401) {
      if (sessionEnd === 'notice') setNotice({ kind: 'session' });
      return;
    }
    const aboutFields = fieldConflicts && error.fieldErrors.length > 0;
    if (error.status === 409 && !aboutFields && error.problem.currentVersion !== undefined && saved) {
      setNotice({
        kind: 'conflict',
        currentVersion: error.problem.currentVersion,
        ...(changedFields ? { changedFields: error.problem.changedFields } : {}),
      });
      onConflict?.();
      return;
    }
    const items: string[] = [];
    let mapped = 0;
    for (const fieldError of error.fieldErrors) {
      const path = fieldOf(fieldError.field);
      if (path) {
        setError(path, { type: 'server', message: fieldError.message }, { shouldFocus: focus && mapped === 0 });
        mapped += 1;
        if (labelOf) items.push(`${labelOf(fieldError.field)}: ${fieldError.message}`);
      } else if (fieldError.field === '(body)') items.push(fieldError.message);
      else items.push(`${labelOf ? labelOf(fieldError.field) : fieldError.field}: ${fieldError.message}`);
    }
    const unmapped = error.fieldErrors.length - mapped;
    if (error.status === 403) setNotice({ kind: 'error', title: 'You do not have permission to do that.', detail: error.problem.detail });
    else if (error.status === 404 && notFound) setNotice({ kind: 'error', ...notFound });
    else if (error.status === 429) setNotice({ kind: 'error', title: 'Too many attempts.', detail: 'Wait a moment and try again.' });
    else if (labelOf ? error.status === 400 && items.length > 0 : mapped > 0 && unmapped === 0) {
      const title = invalidTitle(error);
      setNotice(title === null ? null : { kind: 'error', title, ...(labelOf ? { items } : {}) });
    } else setNotice({ kind: 'error', title: error.problem.title, detail: error.problem.detail, items });
  }

  /**
   * Runs `task` as action `kind` unless another is running (then resolves to undefined); a thrown
   * error is shown (never rethrown) and resolves to undefined.
   */
  async function run<T>(kind: Busy, task: () => Promise<T>): Promise<T | undefined> {
    if (busyRef.current) return undefined;
    busyRef.current = kind;
    setBusy(kind);
    try {
      return await task();
    } catch (error) {
      showFailure(error);
      return undefined;
    } finally {
      busyRef.current = null;
      setBusy(null);
    }
  }

  return { saved, setSaved, notice, setNotice, message, setMessage, busy, busyRef, run, showFailure };
}
