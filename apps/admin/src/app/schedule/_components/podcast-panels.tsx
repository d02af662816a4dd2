'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import {
  APPLE_CATEGORIES,
  ENDPOINTS,
  MEDIA_MAX_BYTES,
  MEDIA_TYPES,
  PODCAST_ARTWORK_MAX,
  PODCAST_ARTWORK_MIN,
  type PodcastCheck,
  type PodcastEpisodeList,
  type PodcastSettings,
  type Program,
} from '@newsdesk/contracts';
import Link from 'next/link';
import { useRef, useState, type ChangeEvent } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { CheckboxField } from '@/components/checkbox-field';
import { EditorHeader } from '@/components/editor-header';
import { Field, fieldAria } from '@/components/field';
import { RecordNoticeBanner } from '@/components/record-notice';
import { browserApi, buildPath, isApiError, isSessionEnd } from '@/lib/api';
import { audioDuration } from '@/lib/audio-format';
import { STATUS_LABELS, formatUtc } from '@/lib/format';
import { useRecordSave } from '@/lib/use-record-save';
import {
  PODCAST_FIELD_LABELS,
  PODCAST_FORM_FIELDS,
  PodcastFormSchema,
  toPodcastForm,
  mediaIdOf,
  toPodcastUpdate,
  type PodcastFormInput,
  type PodcastFormValues,
} from '../_lib/podcast-form';

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

/** The feed's public address with a Copy button. */
function FeedUrl({ url, enabled }: { url: string; enabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      input.current?.select();
      setCopied(document.execCommand('copy'));
    }
  }
  return (
    <div className="field">
      <label htmlFor="podcast-feed-url">Feed address</label>
      <div className="password-link-row">
        <input
          id="podcast-feed-url"
          ref={input}
          className="input-mono"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        <a className="button button-quiet" href={url} target="_blank" rel="noreferrer">
          Open
        </a>
      </div>
      <p className="field-hint">
        {enabled ? 'Submit this address to Apple Podcasts and Podcast Index.' : 'Published once “Publish the feed” is saved on.'}
      </p>
      <p className="copy-state" role="status">
        {copied === true ? 'Copied to the clipboard.' : copied === false ? 'Could not copy: select the address and copy it yourself.' : ''}
      </p>
    </div>
  );
}

/** The artwork: an uploaded image (the media library), square, 1400 to 3000 px. */
function ArtworkField({
  url,
  canUpload,
  canRemove,
  error,
  onChange,
}: {
  url: string | null;
  canUpload: boolean;
  canRemove: boolean;
  error: string | undefined;
  onChange: (mediaId: string | null) => void;
}) {
  const [uploading, setUploading] = useState(false);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setWarning(null);
    if (file.size > MEDIA_MAX_BYTES) {
      setProblem(`This image is larger than ${MEDIA_MAX_BYTES / (1024 * 1024)} MB.`);
      return;
    }
    setUploading(true);
    try {
      const media = await browserApi.call('media.upload', { upload: { file, name: file.name } });
      if (media.width !== media.height || media.width < PODCAST_ARTWORK_MIN || media.width > PODCAST_ARTWORK_MAX) {
        setWarning(
          `This image is ${media.width} × ${media.height} px: Apple needs a square of ${PODCAST_ARTWORK_MIN} to ${PODCAST_ARTWORK_MAX} px. Saving will be refused.`,
        );
      }
      onChange(media.id);
    } catch (caught) {
      setProblem(
        isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'The upload failed. Check your connection and try again.',
      );
    } finally {
      setUploading(false);
    }
  }

  const message = error ?? problem;
  return (
    <div className={message ? 'field field-invalid' : 'field'}>
      <span className="label artwork-label" id="podcast-artwork-label">
        Artwork
      </span>
      <div className="artwork-field">
        {url ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img className="artwork-preview" src={url} alt="Podcast artwork" data-testid="podcast-artwork" />
        ) : (
          <div className="artwork-empty">No artwork</div>
        )}
        <div>
          <div className="actions">
            {canUpload ? (
              <label className="button button-quiet">
                {uploading ? 'Uploading…' : url ? 'Replace artwork' : 'Upload artwork'}
                <input
                  type="file"
                  className="visually-hidden"
                  accept={MEDIA_TYPES.filter((type) => type !== 'image/webp').join(',')}
                  onChange={(event) => void upload(event)}
                  disabled={uploading}
                  aria-describedby="podcast-artwork-hint"
                />
              </label>
            ) : null}
            {url && canRemove ? (
              <button type="button" className="button button-quiet" onClick={() => onChange(null)}>
                Remove artwork
              </button>
            ) : null}
          </div>
          {canRemove ? (
            <div className="artwork-address">
              <label htmlFor="podcast-artwork-address">Or an image already uploaded</label>
              <div className="password-link-row">
                <input
                  id="podcast-artwork-address"
                  className="input-mono"
                  autoComplete="off"
                  placeholder="/api/media/…"
                  value={address}
                  onChange={(event) => setAddress(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') event.preventDefault(); // never submit the settings from here
                  }}
                  aria-describedby="podcast-artwork-address-hint"
                />
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    const id = mediaIdOf(address);
                    setProblem(id ? null : 'Paste the address of an uploaded image: /api/media/ followed by its id.');
                    if (id) {
                      onChange(id);
                      setAddress('');
                    }
                  }}
                >
                  Use image
                </button>
              </div>
              <p id="podcast-artwork-address-hint" className="field-hint">
                The address of an image in the media library (e.g. from a story&apos;s body), checked when you save.
              </p>
            </div>
          ) : null}
          <p id="podcast-artwork-hint" className="field-hint">
            Square JPEG or PNG, {PODCAST_ARTWORK_MIN} to {PODCAST_ARTWORK_MAX} px a side.
            {!canUpload && canRemove ? ' Uploading images needs an editor or admin; an image they uploaded can be used below.' : ''}
          </p>
          <div aria-live="polite">
            {warning ? <p className="field-hint">{warning}</p> : null}
            {message ? (
              <p className="field-error" role="alert">
                {message}
              </p>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
}

/** What Apple Podcasts or Podcast Index would reject (errors) and what is advised (warnings). */
function FeedCheckPanel({
  check,
  checking,
  problem,
  onCheck,
}: {
  check: PodcastCheck;
  checking: boolean;
  problem: string | null;
  onCheck: () => void;
}) {
  const errors = check.items.filter((item) => item.severity === 'error');
  const warnings = check.items.filter((item) => item.severity === 'warning');
  return (
    <section className="panel feed-check" aria-labelledby="feed-check-title">
      <h2 id="feed-check-title" className="panel-title">
        Feed check
      </h2>
      <div aria-live="polite" aria-busy={checking}>
        <p className={check.ok ? 'banner banner-success' : 'banner banner-warning'} data-testid="feed-check-summary">
          {check.ok
            ? `Ready: Apple Podcasts and Podcast Index would accept this feed (${check.episodeCount} ${check.episodeCount === 1 ? 'episode' : 'episodes'}).`
            : `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} would get this feed rejected.`}
        </p>
        {errors.length ? (
          <>
            <h3 className="feed-check-heading">Would be rejected</h3>
            <ul className="feed-check-list" aria-label="Errors">
              {errors.map((item) => (
                <li key={`${item.field}-${item.message}`} className="feed-check-error">
                  <strong>{PODCAST_FIELD_LABELS[item.field] ?? item.field}:</strong> {item.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {warnings.length ? (
          <>
            <h3 className="feed-check-heading">Advised</h3>
            <ul className="feed-check-list" aria-label="Warnings">
              {warnings.map((item) => (
                <li key={`${item.field}-${item.message}`} className="feed-check-warning">
                  <strong>{PODCAST_FIELD_LABELS[item.field] ?? item.field}:</strong> {item.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <p className="actions">
        <button type="button" className="button" onClick={onCheck} disabled={checking}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
      </p>
    </section>
  );
}

/** The program's stories as episodes: in the feed, or why not. */
function EpisodeList({ episodes }: { episodes: Episode[] }) {
  return (
    <section className="after-panel" aria-labelledby="episodes-title">
      <h2 id="episodes-title">Episodes</h2>
      {episodes.length ? (
        <table className="story-table">
          <thead>
            <tr>
              <th scope="col">Story</th>
              <th scope="col">Published</th>
              <th scope="col">Episode</th>
              <th scope="col">Duration</th>
              <th scope="col">In the feed</th>
            </tr>
          </thead>
          <tbody>
            {episodes.map((episode) => (
              <tr key={episode.storyId}>
                <td className="story-headline">
                  <Link href={`/stories/${episode.storyId}`}>{episode.headline || 'Untitled story'}</Link>
                  <span className="story-slug">{STATUS_LABELS[episode.status as keyof typeof STATUS_LABELS] ?? episode.status}</span>
                </td>
                <td className="nowrap">{episode.publishedAt ? formatUtc(episode.publishedAt) : <span className="muted">—</span>}</td>
                <td className="nowrap">
                  {[episode.season !== null ? `S${episode.season}` : null, episode.episode !== null ? `E${episode.episode}` : null]
                    .filter(Boolean)
                    .join(' ') || <span className="muted">—</span>}
                  {episode.episodeType !== 'full' ? <span className="muted"> ({episode.episodeType})</span> : null}
                </td>
                <td className="nowrap">{audioDuration(episode.durationSeconds)}</td>
                <td>
                  {episode.inFeed ? (
                    <span className="badge badge-published">In the feed</span>
                  ) : (
                    <span>{episode.reason ?? 'Not in the feed'}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">No stories of this program yet. A story joins the program from the schedule (its segment) or the API.</p>
      )}
    </section>
  );
}
