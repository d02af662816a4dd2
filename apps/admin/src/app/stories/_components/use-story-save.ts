'use client';

import type { Story } from '@newsdesk/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { browserApi, isApiError } from '@/lib/api';
import { isSessionEnding } from '@/lib/session-end';
import { announceArrival, useRecordSave } from '@/lib/use-record-save';
import {
  EDITABLE_FIELDS,
  StoryFormSchema,
  fieldErrorLabel,
  formPathOf,
  sameValue,
  toCreateInput,
  toFormInput,
  toUpdateInput,
  type EditableField,
  type StoryFormInput,
  type StoryFormValues,
} from './story-form-model';
import { flushPendingEdits } from './pending-edits';
import { useAutosave } from './use-autosave';

export type StoryBusy =
  'save' | 'autosave' | 'publish' | 'schedule' | 'embargo' | 'submit' | 'return' | 'unpublish' | 'reload' | 'restore' | 'correct';

const clock = (date: Date) => date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

interface Options {
  form: UseFormReturn<StoryFormInput, unknown, StoryFormValues>;
  /** The story being edited; absent on /stories/new. */
  initialStory: Story | undefined;
  canWrite: boolean;
}

/**
 * The story editor's writes: save (button, Ctrl/Cmd+S), autosave of drafts carrying the version,
 * the workflow actions, corrections and restoring a revision, each one at a time. A failure shows
 * on its fields and in the notice; a stale version (409) shows the conflict and stops autosave until
 * the latest version is loaded. Also warns before leaving with unsaved changes.
 */
export function useStorySave({ form, initialStory, canWrite }: Options) {
  const router = useRouter();
  /** A write was refused as stale (409): autosave stops until the latest version is loaded. */
  const [stale, setStale] = useState(false);
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const [autosaveProblem, setAutosaveProblem] = useState<string | null>(null);
  /** Bumped when the form's values are replaced wholesale, so the body and transcript editors reload them. */
  const [bodyReset, setBodyReset] = useState(0);

  const {
    handleSubmit,
    reset,
    setError,
    getValues,
    setValue,
    subscribe,
    formState: { isDirty },
  } = form;

  const {
    saved: story,
    setSaved: setStory,
    notice,
    setNotice,
    message,
    setMessage,
    busy,
    busyRef,
    run,
    showFailure,
  } = useRecordSave<Story, StoryFormInput, StoryBusy>({
    initial: initialStory,
    setError,
    fieldOf: (field) => formPathOf(field) as EditableField | undefined,
    invalidTitle: (error) => error.problem.detail ?? 'The story was not saved. Check the highlighted fields.',
    labelOf: fieldErrorLabel,
    fieldConflicts: true,
    changedFields: true,
    onConflict: () => setStale(true),
    notFound: { title: 'This story no longer exists.', detail: 'It may have been deleted by someone else.' },
    sessionEnd: 'ignore', // the tab is on its way to /login, with the edits kept (see use-kept-edits.ts)
  });

  /** The form's values with every pending edit in them (pending-edits.ts). */
  function currentValues(): StoryFormInput {
    flushPendingEdits(form.control);
    return getValues();
  }
  /** Whether the form differs from the saved story, pending edits included. */
  function dirtyNow(): boolean {
    flushPendingEdits(form.control);
    return form.formState.isDirty;
  }

  /**
   * Takes a story the server sent back as the form's new base. Fields edited while the request was
   * under way (they differ from what was sent) stay as typed, and still count as unsaved.
   */
  function adopt(saved: Story, sent?: StoryFormInput) {
    const now = currentValues();
    reset(toFormInput(saved), sent ? undefined : { keepDirtyValues: true });
    if (sent) {
      for (const name of EDITABLE_FIELDS) {
        if (!sameValue(now[name], sent[name])) setValue(name, now[name] as never, { shouldDirty: true });
      }
    }
    setStory(saved);
  }

  /** Saves the form (create or update); resolves to the saved story, or null when it failed or had nothing to send. */
  async function save(values: StoryFormValues, auto = false): Promise<Story | null> {
    const sent = currentValues();
    if (!auto) {
      setNotice(null);
      setMessage(null);
    }
    try {
      if (!story) {
        const created = await browserApi.call('stories.create', { body: toCreateInput(values) });
        reset(toFormInput(created));
        setStory(created);
        announceArrival(created.id, 'Story created.');
        router.replace(`/stories/${created.id}`);
        return created;
      }
      const update = toUpdateInput(values, story);
      if (Object.keys(update).length === 1) {
        // Nothing differs from what is saved once normalized (e.g. trailing spaces): show the saved values.
        if (!auto) {
          adopt(story, sent);
          setMessage('No changes to save.');
        }
        return story;
      }
      const updated = await browserApi.call('stories.update', { params: { id: story.id }, body: update });
      adopt(updated, sent);
      setStale(false);
      setAutosaveProblem(null);
      setLastSaved(new Date());
      return updated;
    } catch (error) {
      showFailure(error, !auto);
      if (auto && !(isApiError(error) && error.status === 409)) setAutosaveProblem('Not saved: see the message above');
      return null;
    }
  }

  const submit = handleSubmit((values) => run('save', () => save(values)));
  const onSave = (event?: React.BaseSyntheticEvent) => {
    flushPendingEdits(form.control);
    return submit(event);
  };

  // Autosave: a draft is saved a few seconds after the last change, carrying its version; a 409 stops it.
  const autosaveOn = canWrite && story?.status === 'draft' && !stale;
  useAutosave(autosaveOn, subscribe, async () => {
    if (!story || !autosaveOn) return;
    if (busyRef.current) return 'busy';
    const parsed = StoryFormSchema.safeParse(currentValues());
    if (!parsed.success) {
      setAutosaveProblem('Not saved: check the highlighted fields');
      void form.trigger();
      return;
    }
    if (Object.keys(toUpdateInput(parsed.data, story)).length === 1) return;
    await run('autosave', () => save(parsed.data, true));
  });

  /** Saves pending edits first, then publishes now, or schedules for a future publishAt. */
  async function publish(publishAt: string | undefined): Promise<boolean> {
    let done = false;
    flushPendingEdits(form.control);
    await handleSubmit((values) =>
      run(publishAt ? 'schedule' : 'publish', async () => {
        setNotice(null);
        setMessage(null);
        const current = form.formState.isDirty || !story ? await save(values) : story;
        if (!current) return;
        try {
          const published = await browserApi.call('stories.publish', {
            params: { id: current.id },
            body: { version: current.version, publishAt },
          });
          adopt(published);
          setMessage(published.status === 'scheduled' ? 'Scheduled.' : 'Published.');
          done = true;
        } catch (error) {
          showFailure(error);
        }
      }),
    )();
    return done;
  }

  /** Sets (an instant) or lifts (null) the embargo; the content in the form is left as it is. */
  async function embargo(embargoUntil: string | null): Promise<boolean> {
    if (!story) return false;
    const result = await run('embargo', async () => {
      setNotice(null);
      setMessage(null);
      try {
        const saved = await browserApi.call('stories.embargo', {
          params: { id: story.id },
          body: { version: getValues('version') ?? story.version, embargoUntil },
        });
        adopt(saved);
        setMessage(
          embargoUntil ? (saved.status === 'scheduled' ? 'Embargo set: scheduled at the embargo.' : 'Embargo set.') : 'Embargo lifted.',
        );
        return true;
      } catch (error) {
        showFailure(error);
        return false;
      }
    });
    return result ?? false;
  }

  /**
   * Submit for review, return to draft, unpublish: status changes that leave the content alone. A
   * submission saves pending edits first (the reviewer reads what was written); the others keep any
   * edits in the form as they are.
   */
  async function transition(action: 'submit' | 'return' | 'unpublish') {
    if (!story) return;
    const route = ({ submit: 'stories.submit', return: 'stories.returnToDraft', unpublish: 'stories.unpublish' } as const)[action];
    const done = { submit: 'Submitted for review.', return: 'Back to draft.', unpublish: 'Unpublished.' }[action];
    await run(action, async () => {
      setNotice(null);
      setMessage(null);
      if (action === 'submit' && dirtyNow()) {
        const parsed = StoryFormSchema.safeParse(getValues());
        if (!parsed.success) {
          void form.trigger();
          setNotice({ kind: 'error', title: 'Fix the highlighted fields, then submit again.' });
          return;
        }
        if (!(await save(parsed.data))) return;
      }
      try {
        adopt(await browserApi.call(route, { params: { id: story.id }, body: { version: getValues('version') ?? story.version } }));
        setMessage(done);
      } catch (error) {
        showFailure(error);
      }
    });
  }

  async function addCorrection(text: string): Promise<boolean> {
    if (!story) return false;
    const result = await run('correct', async () => {
      setNotice(null);
      try {
        adopt(
          await browserApi.call('stories.addCorrection', {
            params: { id: story.id },
            body: { version: getValues('version') ?? story.version, text },
          }),
        );
        setMessage('Correction added.');
        return true;
      } catch (error) {
        showFailure(error);
        return false;
      }
    });
    return result ?? false;
  }

  async function restoreRevision(n: number): Promise<boolean> {
    if (!story) return false;
    if (dirtyNow() && !window.confirm('Your unsaved changes will be replaced by the restored revision. Continue?')) return false;
    const result = await run('restore', async () => {
      setNotice(null);
      try {
        const restored = await browserApi.call('stories.restoreRevision', {
          params: { id: story.id, n },
          body: { version: getValues('version') ?? story.version },
        });
        reset(toFormInput(restored));
        setStory(restored);
        setBodyReset((count) => count + 1);
        setStale(false);
        setMessage(`Restored revision ${n}.`);
        return true;
      } catch (error) {
        showFailure(error);
        return false;
      }
    });
    return result ?? false;
  }

  /** After a 409: load what is saved now, discarding local edits only once the user agrees. */
  async function reloadLatest() {
    if (!story) return;
    if (dirtyNow() && !window.confirm('Discard your unsaved changes and load the latest version of this story?')) return;
    await run('reload', async () => {
      try {
        const latest = await browserApi.call('stories.get', { params: { id: story.id } });
        reset(toFormInput(latest));
        setStory(latest);
        setBodyReset((count) => count + 1);
        setNotice(null);
        setStale(false);
        setAutosaveProblem(null);
        setMessage(`Loaded the latest version (${latest.version}).`);
      } catch (error) {
        showFailure(error);
      }
    });
  }

  /** Edits kept when the session ended were put back into the form (see use-kept-edits.ts). */
  function editsRestored() {
    setBodyReset((count) => count + 1);
    setNotice(null);
    setMessage('Unsaved edits restored. Save to keep them.');
  }

  // A message about the last action gives way once the user edits again.
  useEffect(() => {
    if (isDirty) setMessage((current) => (current?.startsWith('Unsaved edits restored') ? current : null));
  }, [isDirty, setMessage]);

  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (canWrite) void onSave();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  useEffect(() => {
    if (!canWrite) return;
    const warn = (event: BeforeUnloadEvent) => {
      flushPendingEdits(form.control);
      // Nothing unsaved, or leaving for /login (the edits are kept for afterwards).
      if (!form.formState.isDirty || isSessionEnding()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [canWrite, form]);

  const saving = busy === 'save' || busy === 'autosave';
  const saveState = saving
    ? 'Saving…'
    : stale
      ? 'Not saved: changed elsewhere'
      : (autosaveProblem ??
        message ??
        (isDirty ? (autosaveOn ? 'Unsaved changes (autosave on)' : 'Unsaved changes') : lastSaved ? `Saved ${clock(lastSaved)}` : ''));

  return {
    story,
    notice,
    busy,
    stale,
    saveState,
    bodyReset,
    onSave,
    publish,
    transition,
    embargo,
    addCorrection,
    restoreRevision,
    reloadLatest,
    editsRestored,
  };
}
