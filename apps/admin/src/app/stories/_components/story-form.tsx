'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { Story } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { RecordNoticeBanner, type RecordNotice } from '@/components/record-notice';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { isSessionEnding, onSessionEnd } from '@/lib/session-end';
import { CorrectionsPanel } from './corrections-panel';
import { HistoryPanel } from './history-panel';
import { KeptEditsBanner } from './kept-edits-banner';
import { PublishPanel } from './publish-panel';
import { StoryFields } from './story-fields';
import {
  EDITABLE_FIELDS,
  FIELD_LABELS,
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
import { TranscriptSection } from './transcript/transcript-section';
import { forgetUnsavedEdits, keepUnsavedEdits, readUnsavedEdits, type UnsavedEdits } from './unsaved-edits';
import { useAutosave } from './use-autosave';

type Busy = 'save' | 'autosave' | 'publish' | 'schedule' | 'submit' | 'return' | 'unpublish' | 'reload' | 'restore' | 'correct';

/** Stories just created here, so the editor they land in after the redirect can say so. */
const justCreated = new Set<string>();

const clock = (date: Date) => date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

interface Props {
  /** The story being edited; absent on /stories/new. */
  story?: Story;
  canWrite: boolean;
  canPublish: boolean;
  /** Who is editing: unsaved edits kept when their session ends are offered back only to them. */
  userId: string;
}

export function StoryForm({ story: initialStory, canWrite, canPublish, userId }: Props) {
  const router = useRouter();
  const [story, setStory] = useState<Story | undefined>(initialStory);
  const [notice, setNotice] = useState<RecordNotice | null>(null);
  const [message, setMessage] = useState<string | null>(() => (initialStory && justCreated.has(initialStory.id) ? 'Story created.' : null));
  const [busy, setBusy] = useState<Busy | null>(null);
  const busyRef = useRef<Busy | null>(null);
  /** A write was refused as stale (409): autosave stops until the latest version is loaded. */
  const [stale, setStale] = useState(false);
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const [autosaveProblem, setAutosaveProblem] = useState<string | null>(null);
  const [bodyReset, setBodyReset] = useState(0);
  const [kept, setKept] = useState<UnsavedEdits<StoryFormInput> | null>(null);

  const form = useForm<StoryFormInput, unknown, StoryFormValues>({ resolver: zodResolver(StoryFormSchema), defaultValues: toFormInput(initialStory) });
  const {
    handleSubmit,
    reset,
    setError,
    getValues,
    setValue,
    subscribe,
    formState: { isDirty },
  } = form;

  /** Shows a failed request: field errors on their fields and listed, a stale version as a conflict, the rest in a banner. */
  function showFailure(error: unknown, focus = true) {
    if (isSessionEnd(error)) return; // the tab is on its way to /login, with the edits kept (see below)
    if (!isApiError(error)) {
      setNotice({ kind: 'error', title: 'The server could not be reached.', detail: 'Your edits are still here. Check your connection and try again.' });
      return;
    }
    if (error.status === 409 && story && !error.fieldErrors.length && error.problem.currentVersion !== undefined) {
      setStale(true);
      setNotice({ kind: 'conflict', currentVersion: error.problem.currentVersion, changedFields: error.problem.changedFields });
      return;
    }
    const items: string[] = [];
    let mapped = 0;
    for (const fieldError of error.fieldErrors) {
      const field = formPathOf(fieldError.field) as EditableField | undefined;
      if (field) setError(field, { type: 'server', message: fieldError.message }, { shouldFocus: focus && mapped++ === 0 });
      items.push(fieldError.field === '(body)' ? fieldError.message : `${fieldErrorLabel(fieldError.field)}: ${fieldError.message}`);
    }
    if (error.status === 403) setNotice({ kind: 'error', title: 'You do not have permission to do that.', detail: error.problem.detail });
    else if (error.status === 404) setNotice({ kind: 'error', title: 'This story no longer exists.', detail: 'It may have been deleted by someone else.' });
    else if (error.status === 400 && items.length) setNotice({ kind: 'error', title: error.problem.detail ?? 'The story was not saved. Check the highlighted fields.', items });
    else setNotice({ kind: 'error', title: error.problem.title, detail: error.problem.detail, items });
  }

  /**
   * Takes a story the server sent back as the form's new base. Fields edited while the request was
   * under way (they differ from what was sent) stay as typed, and still count as unsaved.
   */
  function adopt(saved: Story, sent?: StoryFormInput) {
    const now = getValues();
    reset(toFormInput(saved), sent ? undefined : { keepDirtyValues: true });
    if (sent) {
      for (const name of EDITABLE_FIELDS) {
        if (!sameValue(now[name], sent[name])) setValue(name, now[name] as never, { shouldDirty: true });
      }
    }
    setStory(saved);
  }

  async function run<T>(kind: Busy, task: () => Promise<T>): Promise<T | undefined> {
    if (busyRef.current) return undefined;
    busyRef.current = kind;
    setBusy(kind);
    try {
      return await task();
    } finally {
      busyRef.current = null;
      setBusy(null);
    }
  }

  /** Saves the form (create or update); resolves to the saved story, or null when it failed or had nothing to send. */
  async function save(values: StoryFormValues, auto = false): Promise<Story | null> {
    const sent = getValues();
    if (!auto) {
      setNotice(null);
      setMessage(null);
    }
    try {
      if (!story) {
        const created = await browserApi.createStory(toCreateInput(values));
        reset(toFormInput(created));
        setStory(created);
        justCreated.add(created.id);
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
      const updated = await browserApi.updateStory(story.id, update);
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

  const onSave = handleSubmit((values) => run('save', () => save(values)));

  // Autosave: a draft is saved a few seconds after the last change, carrying its version; a 409 stops it.
  const autosaveOn = canWrite && story?.status === 'draft' && !stale;
  useAutosave(autosaveOn, subscribe, async () => {
    if (!story || !autosaveOn) return;
    if (busyRef.current) return 'busy';
    const parsed = StoryFormSchema.safeParse(getValues());
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
    await handleSubmit((values) =>
      run(publishAt ? 'schedule' : 'publish', async () => {
        setNotice(null);
        setMessage(null);
        const current = isDirty || !story ? await save(values) : story;
        if (!current) return;
        try {
          const published = await browserApi.publishStory(current.id, { version: current.version, publishAt });
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

  /**
   * Submit for review, return to draft, unpublish: status changes that leave the content alone. A
   * submission saves pending edits first (the reviewer reads what was written); the others keep any
   * edits in the form as they are.
   */
  async function transition(action: 'submit' | 'return' | 'unpublish') {
    if (!story) return;
    const call = { submit: browserApi.submitStory, return: browserApi.returnStoryToDraft, unpublish: browserApi.unpublishStory }[action];
    const done = { submit: 'Submitted for review.', return: 'Back to draft.', unpublish: 'Unpublished.' }[action];
    await run(action, async () => {
      setNotice(null);
      setMessage(null);
      if (action === 'submit' && isDirty) {
        const parsed = StoryFormSchema.safeParse(getValues());
        if (!parsed.success) {
          void form.trigger();
          setNotice({ kind: 'error', title: 'Fix the highlighted fields, then submit again.' });
          return;
        }
        if (!(await save(parsed.data))) return;
      }
      try {
        adopt(await call(story.id, { version: getValues('version') ?? story.version }));
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
        adopt(await browserApi.addCorrection(story.id, { version: getValues('version') ?? story.version, text }));
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
    if (isDirty && !window.confirm('Your unsaved changes will be replaced by the restored revision. Continue?')) return false;
    const result = await run('restore', async () => {
      setNotice(null);
      try {
        const restored = await browserApi.restoreRevision(story.id, n, { version: getValues('version') ?? story.version });
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
    if (isDirty && !window.confirm('Discard your unsaved changes and load the latest version of this story?')) return;
    await run('reload', async () => {
      try {
        const latest = await browserApi.getStory(story.id);
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

  useEffect(() => {
    if (initialStory) justCreated.delete(initialStory.id);
  }, [initialStory]);

  // A message about the last action gives way once the user edits again.
  useEffect(() => {
    if (isDirty) setMessage((current) => (current?.startsWith('Unsaved edits restored') ? current : null));
  }, [isDirty]);

  // When the session ends, the tab goes to /login: keep unsaved edits in this tab for after signing in again.
  const keepEdits = useEffectEvent(() => {
    if (canWrite && isDirty) keepUnsavedEdits<StoryFormInput>(story?.id, userId, getValues());
  });
  useEffect(() => onSessionEnd(() => keepEdits()), []);

  // ... and offer them back here (browser storage, so only after hydration).
  useEffect(() => {
    if (canWrite) setKept(readUnsavedEdits<StoryFormInput>(initialStory?.id, userId));
  }, [canWrite, initialStory?.id, userId]);

  function restoreKept() {
    if (!kept) return;
    for (const name of EDITABLE_FIELDS) {
      const value = kept.values[name];
      if (value !== undefined) setValue(name, value as never, { shouldDirty: true });
    }
    setBodyReset((count) => count + 1);
    // Still based on the version they were written on: if the story changed since, saving shows the conflict.
    if (story && typeof kept.values.version === 'number') setValue('version', kept.values.version);
    forgetUnsavedEdits(initialStory?.id);
    setKept(null);
    setNotice(null);
    setMessage('Unsaved edits restored. Save to keep them.');
  }

  function discardKept() {
    forgetUnsavedEdits(initialStory?.id);
    setKept(null);
  }

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
    if (!isDirty || !canWrite) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (isSessionEnding()) return; // leaving for /login; the edits are kept for afterwards
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty, canWrite]);

  const saving = busy === 'save' || busy === 'autosave';
  const saveState = saving
    ? 'Saving…'
    : stale
      ? 'Not saved: changed elsewhere'
      : (autosaveProblem ?? message ?? (isDirty ? (autosaveOn ? 'Unsaved changes (autosave on)' : 'Unsaved changes') : lastSaved ? `Saved ${clock(lastSaved)}` : ''));
    const tagNames = new Map((story?.tags ?? []).map((tag) => [tag.id, tag.name]));

  return (
    <form onSubmit={onSave} noValidate className="story-editor" aria-labelledby="editor-title">
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link href="/stories">Stories</Link>
          </p>
          <h1 id="editor-title">{story ? (canWrite ? 'Edit story' : 'Story') : 'New story'}</h1>
        </div>
        <div className="editor-actions">
          <p className={`save-state${stale ? ' save-state-stale' : ''}`} role="status" id="save-state">
            {saveState}
          </p>
          {canWrite ? (
            <button type="submit" className="button button-primary" disabled={busy !== null} aria-keyshortcuts="Control+S Meta+S">
              {busy === 'save' ? 'Saving…' : 'Save'}
            </button>
          ) : null}
        </div>
      </div>

      {!canWrite ? <p className="banner banner-info">You can read this story but not change it.</p> : null}
      {notice ? <RecordNoticeBanner notice={notice} what="story" fieldLabels={FIELD_LABELS} reloading={busy === 'reload'} onReload={reloadLatest} /> : null}
      {kept ? <KeptEditsBanner keptAt={kept.keptAt} onRestore={restoreKept} onDiscard={discardKept} /> : null}

      <div className="editor-grid">
        <StoryFields form={form} story={story} canWrite={canWrite} bodyReset={bodyReset} />

        <aside className="editor-side">
          <PublishPanel story={story} canWrite={canWrite} canPublish={canPublish} busy={busy} onPublish={publish} onTransition={transition} />
          {story ? (
            <CorrectionsPanel corrections={story.corrections} canCorrect={canPublish && story.status === 'published'} busy={busy !== null} adding={busy === 'correct'} onAdd={addCorrection} />
          ) : null}
        </aside>
      </div>

      <TranscriptSection form={form} canWrite={canWrite} resetKey={bodyReset} />

      {story ? (
        <HistoryPanel storyId={story.id} storyVersion={story.version} canWrite={canWrite} names={tagNames} onRestore={restoreRevision} restoring={busy !== null} />
      ) : null}
    </form>
  );
}
