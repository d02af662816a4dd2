'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { CreateStorySchema, VersionSchema, slugify, type CreateStoryInput, type Story, type UpdateStoryInput } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Field, fieldAria } from '@/components/field';
import { LocalTime } from '@/components/local-time';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { isSessionEnding, onSessionEnd } from '@/lib/session-end';
import { EditorNotice, type Notice } from './editor-notice';
import { PublishPanel } from './publish-panel';
import { forgetUnsavedEdits, keepUnsavedEdits, readUnsavedEdits, type UnsavedEdits } from './unsaved-edits';

/**
 * The contract's story fields, plus the version the edit is based on (a hidden form value, unset
 * for a new story). The API rejects a write based on a stale version with 409.
 */
const StoryFormSchema = CreateStorySchema.extend({ version: VersionSchema.optional() });
type StoryFormInput = z.input<typeof StoryFormSchema>;
type StoryFormValues = z.output<typeof StoryFormSchema>;

const FIELD_NAMES = ['headline', 'slug', 'teaser', 'dateline', 'bodyHtml', 'credit'] as const;
type FieldName = (typeof FIELD_NAMES)[number];
const isFieldName = (name: string): name is FieldName => (FIELD_NAMES as readonly string[]).includes(name);

function toFormInput(story: Story | undefined): StoryFormInput {
  return {
    headline: story?.headline ?? '',
    slug: story?.slug ?? '',
    teaser: story?.teaser ?? '',
    dateline: story?.dateline ?? '',
    bodyHtml: story?.bodyHtml ?? '',
    credit: story?.credit ?? '',
    version: story?.version,
  };
}

function toCreateInput({ version: _version, slug, ...fields }: StoryFormValues): CreateStoryInput {
  return slug ? { ...fields, slug } : fields;
}

/** Only what changed since `saved`, based on the form's version. An emptied slug is derived from the headline again. */
function toUpdateInput(values: StoryFormValues, saved: Story): UpdateStoryInput {
  const update: UpdateStoryInput = { version: values.version ?? saved.version };
  const slug = values.slug || slugify(values.headline);
  if (values.headline !== saved.headline) update.headline = values.headline;
  if (slug && slug !== saved.slug) update.slug = slug;
  if (values.teaser !== saved.teaser) update.teaser = values.teaser;
  if (values.dateline !== saved.dateline) update.dateline = values.dateline;
  if (values.bodyHtml !== saved.bodyHtml) update.bodyHtml = values.bodyHtml;
  if (values.credit !== saved.credit) update.credit = values.credit;
  return update;
}

type Busy = 'save' | 'publish' | 'unpublish' | 'reload' | null;

/** Stories just created here, so the editor they land in after the redirect can say so. */
const justCreated = new Set<string>();

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
  const [notice, setNotice] = useState<Notice | null>(null);
  const [message, setMessage] = useState<string | null>(() => (initialStory && justCreated.has(initialStory.id) ? 'Story created.' : null));
  const [busy, setBusy] = useState<Busy>(null);
  const [kept, setKept] = useState<UnsavedEdits<StoryFormInput> | null>(null);

  const {
    register,
    handleSubmit,
    reset,
    setError,
    getValues,
    setValue,
    control,
    formState: { errors, isDirty },
  } = useForm<StoryFormInput, unknown, StoryFormValues>({
    resolver: zodResolver(StoryFormSchema),
    defaultValues: toFormInput(initialStory),
  });
  const headline = useWatch({ control, name: 'headline' });
  const derivedSlug = slugify(headline ?? '');

  /** Shows a failed request: field errors on their fields, a stale version as a conflict, the rest in a banner. */
  function showFailure(error: unknown) {
    // The session ended: the tab is already on its way to /login, with the edits kept (see below).
    if (isSessionEnd(error)) return;
    if (!isApiError(error)) {
      setNotice({ kind: 'error', title: 'The server could not be reached.', detail: 'Your edits are still here. Check your connection and try again.' });
      return;
    }
    const unmapped: string[] = [];
    let mapped = 0;
    for (const fieldError of error.fieldErrors) {
      if (isFieldName(fieldError.field)) {
        setError(fieldError.field, { type: 'server', message: fieldError.message }, { shouldFocus: mapped === 0 });
        mapped += 1;
      } else {
        unmapped.push(fieldError.field === '(body)' ? fieldError.message : `${fieldError.field}: ${fieldError.message}`);
      }
    }
    if (error.status === 409 && mapped === 0 && story) {
      setNotice({ kind: 'conflict', currentVersion: error.problem.currentVersion });
    } else if (mapped > 0 && unmapped.length === 0) {
      setNotice({ kind: 'error', title: 'The story was not saved. Check the highlighted fields.' });
    } else if (error.status === 403) {
      setNotice({ kind: 'error', title: 'You do not have permission to do that.', detail: error.problem.detail });
    } else if (error.status === 404) {
      setNotice({ kind: 'error', title: 'This story no longer exists.', detail: 'It may have been deleted by someone else.' });
    } else {
      setNotice({ kind: 'error', title: error.problem.title, detail: error.problem.detail, items: unmapped });
    }
  }

  /** Saves the form (create or update); resolves to the saved story, or null when it failed. */
  async function save(values: StoryFormValues): Promise<Story | null> {
    setNotice(null);
    setMessage(null);
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
        reset(toFormInput(story));
        setMessage('No changes to save.');
        return story;
      }
      const updated = await browserApi.updateStory(story.id, update);
      reset(toFormInput(updated));
      setStory(updated);
      setMessage('Saved.');
      return updated;
    } catch (error) {
      showFailure(error);
      return null;
    }
  }

  async function run<T>(kind: Exclude<Busy, null>, task: () => Promise<T>): Promise<T | undefined> {
    if (busy) return undefined;
    setBusy(kind);
    try {
      return await task();
    } finally {
      setBusy(null);
    }
  }

  const onSave = handleSubmit((values) => run('save', () => save(values)));

  /** Saves pending edits first, then publishes (or schedules, for a future publishAt). */
  async function publish(publishAt: string | undefined): Promise<boolean> {
    let done = false;
    await handleSubmit((values) =>
      run('publish', async () => {
        const current = isDirty || !story ? await save(values) : story;
        if (!current) return;
        try {
          const published = await browserApi.publishStory(current.id, { version: current.version, publishAt });
          reset(toFormInput(published));
          setStory(published);
          setMessage(published.status === 'scheduled' ? 'Scheduled.' : 'Published.');
          done = true;
        } catch (error) {
          showFailure(error);
        }
      }),
    )();
    return done;
  }

  async function unpublish() {
    if (!story) return;
    setNotice(null);
    setMessage(null);
    await run('unpublish', async () => {
      try {
        const unpublished = await browserApi.unpublishStory(story.id, { version: getValues('version') ?? story.version });
        // Only the version and status changed on the server: keep any edits still in the form.
        reset(toFormInput(unpublished), { keepDirtyValues: true });
        setStory(unpublished);
        setMessage('Unpublished.');
      } catch (error) {
        showFailure(error);
      }
    });
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
        setNotice(null);
        setMessage(`Loaded the latest version (${latest.version}).`);
      } catch (error) {
        showFailure(error);
      }
    });
  }

  useEffect(() => {
    if (initialStory) justCreated.delete(initialStory.id);
  }, [initialStory]);

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
    for (const name of FIELD_NAMES) {
      const value = kept.values[name];
      if (typeof value === 'string') setValue(name, value, { shouldDirty: true });
    }
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

  const saveState = busy === 'save' ? 'Saving…' : (message ?? (isDirty ? 'Unsaved changes' : ''));

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
          <p className="save-state" role="status">
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
      {notice ? <EditorNotice notice={notice} reloading={busy === 'reload'} onReload={reloadLatest} /> : null}
      {kept ? (
        <div className="banner banner-warning" role="alert">
          <p className="banner-title">You have edits that were not saved.</p>
          <p>
            Your session ended before you could save them (<LocalTime iso={kept.keptAt} />). Put them back into the form, check them,
            then save.
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={restoreKept}>
              Restore my edits
            </button>
            <button type="button" className="button button-quiet" onClick={discardKept}>
              Discard them
            </button>
          </div>
        </div>
      ) : null}

      <div className="editor-grid">
        <fieldset className="editor-fields" disabled={!canWrite}>
          <legend className="visually-hidden">Story</legend>
          <Field id="story-headline" label="Headline" error={errors.headline}>
            <input className="input-headline" autoComplete="off" {...fieldAria('story-headline', { error: errors.headline })} {...register('headline')} />
          </Field>
          <Field id="story-slug" label="Slug" hint="The story's address on the web. Leave empty to derive it from the headline." error={errors.slug}>
            <input
              className="input-mono"
              autoComplete="off"
              spellCheck={false}
              placeholder={derivedSlug || 'derived-from-the-headline'}
              {...fieldAria('story-slug', { hint: true, error: errors.slug })}
              {...register('slug')}
            />
          </Field>
          <Field id="story-teaser" label="Teaser" hint="The host's introduction; also the summary on lists." error={errors.teaser}>
            <textarea rows={3} {...fieldAria('story-teaser', { hint: true, error: errors.teaser })} {...register('teaser')} />
          </Field>
          <Field id="story-dateline" label="Dateline" hint="Where the story was reported from, e.g. MOSCOW." error={errors.dateline}>
            <input autoComplete="off" {...fieldAria('story-dateline', { hint: true, error: errors.dateline })} {...register('dateline')} />
          </Field>
          <Field id="story-body" label="Body (HTML)" hint="Sanitized when saved: scripts, event handlers and unknown tags are removed." error={errors.bodyHtml}>
            <textarea rows={16} className="input-mono" spellCheck={false} {...fieldAria('story-body', { hint: true, error: errors.bodyHtml })} {...register('bodyHtml')} />
          </Field>
          <Field id="story-credit" label="Credit" hint='e.g. "Transcript provided by NPR, Copyright NPR."' error={errors.credit}>
            <input autoComplete="off" {...fieldAria('story-credit', { hint: true, error: errors.credit })} {...register('credit')} />
          </Field>
        </fieldset>

        <aside className="editor-side">
          <PublishPanel
            story={story}
            canPublish={canPublish}
            busy={busy !== null}
            publishing={busy === 'publish'}
            unpublishing={busy === 'unpublish'}
            onPublish={publish}
            onUnpublish={unpublish}
          />
        </aside>
      </div>
    </form>
  );
}
