'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import {
  APPLE_CATEGORIES,
  ENDPOINTS,
  type PodcastCheck,
  type PodcastEpisodeList,
  type PodcastSettings,
  type Program,
} from '@newsdesk/contracts';
import { useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { CheckboxField } from '@/components/checkbox-field';
import { EditorHeader } from '@/components/editor-header';
import { Field, fieldAria } from '@/components/field';
import { RecordNoticeBanner } from '@/components/record-notice';
import { browserApi, buildPath, isApiError, isSessionEnd } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';
import {
  PODCAST_FIELD_LABELS,
  PODCAST_FORM_FIELDS,
  PodcastFormSchema,
  toPodcastForm,
  toPodcastUpdate,
  type PodcastFormInput,
  type PodcastFormValues,
} from '../_lib/podcast-form';
import { ArtworkField } from './podcast-artwork-field';
import { EpisodeList, FeedCheckPanel, FeedUrl } from './podcast-feed-panels';

type Busy = 'save' | 'reload';
type Episode = PodcastEpisodeList['items'][number];

interface Props {
  program: Program;
  settings: PodcastSettings;
  check: PodcastCheck;
  episodes: Episode[];
  /** schedule.write: may change the settings. */
  canWrite: boolean;
  /** story.write: may upload images (the media library's permission). */
  canUploadArtwork: boolean;
}

const CATEGORIES = Object.keys(APPLE_CATEGORIES);

/** A program's podcast page: the settings form, the feed's address, the feed check and the episode list. */
export function PodcastPanels({
  program,
  settings: initial,
  check: initialCheck,
  episodes: initialEpisodes,
  canWrite,
  canUploadArtwork,
}: Props) {
  const form = useForm<PodcastFormInput, unknown, PodcastFormValues>({
    resolver: zodResolver(PodcastFormSchema),
    defaultValues: toPodcastForm(initial),
  });
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    control,
    formState: { errors, isDirty },
  } = form;
  // The settings have no id of their own: the record is the program's.
  const { saved, setSaved, notice, setNotice, message, setMessage, busy, run } = useRecordSave<
    PodcastSettings & { id: string },
    PodcastFormInput,
    Busy
  >({
    initial: { ...initial, id: initial.programId },
    setError,
    fieldOf: (field) => ((PODCAST_FORM_FIELDS as readonly string[]).includes(field) ? (field as FieldPath<PodcastFormInput>) : null),
    invalidTitle: () => 'The podcast settings were not saved. Check the highlighted fields.',
    labelOf: (field) => PODCAST_FIELD_LABELS[field] ?? field,
  });
  const settings = saved ?? { ...initial, id: initial.programId };
  const [check, setCheck] = useState(initialCheck);
  const [episodes, setEpisodes] = useState(initialEpisodes);
  const [checking, setChecking] = useState(false);
  const [checkProblem, setCheckProblem] = useState<string | null>(null);
  const artworkMediaId = useWatch({ control, name: 'artworkMediaId' });
  // Shown through the admin's /api proxy (the settings' artworkUrl is the public API's absolute address).
  const artworkUrl = artworkMediaId ? buildPath(ENDPOINTS['media.get'].path, { id: artworkMediaId }) : null;

  const category = useWatch({ control, name: 'category' }) ?? '';
  const subcategories = APPLE_CATEGORIES[category] ?? [];

  async function refreshCheck() {
    setChecking(true);
    setCheckProblem(null);
    try {
      const [nextCheck, nextEpisodes] = await Promise.all([
        browserApi.call('podcasts.check', { params: { id: program.id } }),
        browserApi.call('podcasts.episodes', { params: { id: program.id } }),
      ]);
      setCheck(nextCheck);
      setEpisodes(nextEpisodes.items);
    } catch (caught) {
      if (!isSessionEnd(caught))
        setCheckProblem(isApiError(caught) ? `Could not check the feed: ${caught.problem.title}` : 'Could not check the feed.');
    } finally {
      setChecking(false);
    }
  }

  function adopt(next: PodcastSettings) {
    reset(toPodcastForm(next));
    setSaved({ ...next, id: next.programId });
  }

  const onSave = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      setMessage(null);
      const update = toPodcastUpdate(values, settings);
      if (Object.keys(update).length === 1 && settings.updatedAt !== null) {
        reset(toPodcastForm(settings));
        setMessage('No changes to save.');
        return;
      }
      const updated = await browserApi.call('podcasts.update', { params: { id: program.id }, body: update });
      adopt(updated);
      setMessage('Saved.');
      await refreshCheck();
    }),
  );

  async function reloadLatest() {
    if (isDirty && !window.confirm('Discard your unsaved changes and load the latest podcast settings?')) return;
    await run('reload', async () => {
      const latest = await browserApi.call('podcasts.get', { params: { id: program.id } });
      adopt(latest);
      setNotice(null);
      setMessage(`Loaded the latest version (${latest.version}).`);
    });
  }

  const saveState = busy === 'save' ? 'Saving…' : (message ?? (isDirty ? 'Unsaved changes' : ''));

  return (
    <>
      <form onSubmit={onSave} noValidate className="story-editor" aria-labelledby="podcast-title">
        <EditorHeader
          section={{ href: '/schedule/programs', label: 'Programs' }}
          titleId="podcast-title"
          title={`${program.name}: podcast`}
          saveState={saveState}
          canWrite={canWrite}
          busy={busy !== null}
          saving={busy === 'save'}
        />
        {!canWrite ? (
          <p className="banner banner-info">You can read these settings but not change them (producers and admins can).</p>
        ) : null}
        {notice ? (
          <RecordNoticeBanner
            notice={notice}
            what="podcast's settings"
            fieldLabels={PODCAST_FIELD_LABELS}
            reloading={busy === 'reload'}
            onReload={reloadLatest}
          />
        ) : null}

        <div className="editor-grid">
          <fieldset className="editor-fields" disabled={!canWrite}>
            <legend className="visually-hidden">Podcast settings</legend>
            <CheckboxField
              id="podcast-enabled"
              label="Publish the feed"
              hint="Off: the feed's address answers 404."
              registration={register('enabled')}
            />
            <FeedUrl url={settings.feedUrl} enabled={settings.enabled} />
            <Field id="podcast-title-input" label="Title" hint={`Empty: the program's name (${program.name}).`} error={errors.title}>
              <input autoComplete="off" {...fieldAria('podcast-title-input', { hint: true, error: errors.title })} {...register('title')} />
            </Field>
            <Field
              id="podcast-description"
              label="Description"
              hint="Plain text. Empty: the program's description."
              error={errors.description}
            >
              <textarea
                rows={4}
                {...fieldAria('podcast-description', { hint: true, error: errors.description })}
                {...register('description')}
              />
            </Field>
            <ArtworkField
              url={artworkUrl}
              canUpload={canWrite && canUploadArtwork}
              canRemove={canWrite}
              error={errors.artworkMediaId?.message}
              onChange={(id) => setValue('artworkMediaId', id, { shouldDirty: true })}
            />
            <div className="field-row">
              <Field id="podcast-category" label="Category" hint="Apple Podcasts' categories." error={errors.category}>
                <select
                  {...fieldAria('podcast-category', { hint: true, error: errors.category })}
                  {...register('category', { onChange: () => setValue('subcategory', '', { shouldDirty: true }) })}
                >
                  <option value="">None</option>
                  {CATEGORIES.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="podcast-subcategory" label="Subcategory" error={errors.subcategory}>
                <select
                  disabled={subcategories.length === 0}
                  {...fieldAria('podcast-subcategory', { error: errors.subcategory })}
                  {...register('subcategory')}
                >
                  <option value="">None</option>
                  {subcategories.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div className="field-row">
              <Field id="podcast-language" label="Language" hint="A language tag, e.g. en-US." error={errors.language}>
                <input
                  autoComplete="off"
                  {...fieldAria('podcast-language', { hint: true, error: errors.language })}
                  {...register('language')}
                />
              </Field>
              <Field id="podcast-type" label="Type" hint="Serial: listened to in order, oldest first." error={errors.type}>
                <select {...fieldAria('podcast-type', { hint: true, error: errors.type })} {...register('type')}>
                  <option value="episodic">Episodic</option>
                  <option value="serial">Serial</option>
                </select>
              </Field>
            </div>
            <div className="field-row">
              <Field id="podcast-owner-name" label="Owner name" error={errors.ownerName}>
                <input autoComplete="off" {...fieldAria('podcast-owner-name', { error: errors.ownerName })} {...register('ownerName')} />
              </Field>
              <Field
                id="podcast-owner-email"
                label="Owner email"
                hint="Apple and Podcast Index write here to verify ownership."
                error={errors.ownerEmail}
              >
                <input
                  type="email"
                  autoComplete="off"
                  {...fieldAria('podcast-owner-email', { hint: true, error: errors.ownerEmail })}
                  {...register('ownerEmail')}
                />
              </Field>
            </div>
            <Field id="podcast-author" label="Author" hint="Shown as the podcast's author, e.g. the station." error={errors.author}>
              <input autoComplete="off" {...fieldAria('podcast-author', { hint: true, error: errors.author })} {...register('author')} />
            </Field>
            <div className="checkbox-list field">
              <CheckboxField
                id="podcast-explicit"
                label="Explicit"
                hint="The episodes contain explicit language."
                registration={register('explicit')}
              />
              <CheckboxField
                id="podcast-locked"
                label="Locked"
                hint="podcast:locked: other podcast platforms may not import this feed."
                registration={register('locked')}
              />
            </div>
          </fieldset>

          <aside className="editor-side">
            <FeedCheckPanel check={check} checking={checking} problem={checkProblem} onCheck={() => void refreshCheck()} />
          </aside>
        </div>
      </form>

      <EpisodeList episodes={episodes} />
    </>
  );
}
