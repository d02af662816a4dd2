'use client';

import { useEffect, useEffectEvent, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { onSessionEnd } from '@/lib/session-end';
import { EDITABLE_FIELDS, type StoryFormInput, type StoryFormValues } from './story-form-model';
import { flushPendingEdits } from './pending-edits';
import { forgetUnsavedEdits, keepUnsavedEdits, readUnsavedEdits, type UnsavedEdits } from './unsaved-edits';

interface Options {
  form: UseFormReturn<StoryFormInput, unknown, StoryFormValues>;
  /** The story as saved now (undefined until a new one is first saved). */
  storyId: string | undefined;
  /** The story the editor was opened on, whose kept edits are offered back. */
  initialStoryId: string | undefined;
  /** Who is editing: edits are offered back only to them. */
  userId: string;
  canWrite: boolean;
  /** After the kept edits were put back into the form. */
  onRestored: () => void;
}

/**
 * When the session ends, the tab goes to /login: unsaved edits are kept in this tab for after
 * signing in again (unsaved-edits.ts), and offered back here: `kept`, to restore or discard.
 */
export function useKeptEdits({ form, storyId, initialStoryId, userId, canWrite, onRestored }: Options) {
  const [kept, setKept] = useState<UnsavedEdits<StoryFormInput> | null>(null);
  const { getValues, setValue } = form;

  const keepEdits = useEffectEvent(() => {
    flushPendingEdits(form.control);
    if (canWrite && form.formState.isDirty) keepUnsavedEdits<StoryFormInput>(storyId, userId, getValues());
  });
  useEffect(() => onSessionEnd(() => keepEdits()), []);

  // Offered back once hydrated (they are in browser storage).
  useEffect(() => {
    if (canWrite) setKept(readUnsavedEdits<StoryFormInput>(initialStoryId, userId));
  }, [canWrite, initialStoryId, userId]);

  function restoreKept() {
    if (!kept) return;
    for (const name of EDITABLE_FIELDS) {
      const value = kept.values[name];
      if (value !== undefined) setValue(name, value as never, { shouldDirty: true });
    }
    // Still based on the version they were written on: if the story changed since, saving shows the conflict.
    if (storyId && typeof kept.values.version === 'number') setValue('version', kept.values.version);
    forgetUnsavedEdits(initialStoryId);
    setKept(null);
    onRestored();
  }

  function discardKept() {
    forgetUnsavedEdits(initialStoryId);
    setKept(null);
  }

  return { kept, restoreKept, discardKept };
}
