'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { BEATS_MAX, slugify, type Correspondent, type Media } from '@newsdesk/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { ChipsInput } from '@/components/chips-input';
import { EditorHeader } from '@/components/editor-header';
import { Field, fieldAria } from '@/components/field';
import { NameFields } from '@/components/name-fields';
import { RecordNoticeBanner } from '@/components/record-notice';
import { browserApi } from '@/lib/api';
import { announceArrival, useRecordSave } from '@/lib/use-record-save';
import { BioEditor } from './bio-editor';
import {
  CorrespondentFormSchema,
  FORM_FIELDS,
  toCreateInput,
  toFormInput,
  toUpdateInput,
  type CorrespondentFormInput,
  type CorrespondentFormValues,
} from './correspondent-form-model';
import { PhotoField } from './photo-field';
import { ProfilePanel } from './profile-panel';
import { SocialLinksField } from './social-links-field';

type Busy = 'save' | 'publish' | 'delete' | 'reload';

/** API field names that live elsewhere in this form (the photo's own fields, list items). */
function formPath(field: string): FieldPath<CorrespondentFormInput> | null {
  if (field === 'photo') return 'photoId';
  if (field === 'alt') return 'photoAlt';
  if (field === 'credit') return 'photoCredit';
  if (field === 'caption') return 'photoCaption';
  const top = field.split('.')[0] ?? field;
  if (top === 'beats') return 'beats';
  return (FORM_FIELDS as readonly string[]).includes(top) ? (field as FieldPath<CorrespondentFormInput>) : null;
}

interface Props {
  correspondent?: Correspondent;
  /** correspondent.write (admins); everyone else sees the profile read-only. */
  canWrite: boolean;
}

export function CorrespondentForm({ correspondent: initial, canWrite }: Props) {
  const router = useRouter();
  const [photo, setPhoto] = useState<Media | null>(initial?.photo ?? null);

  const {
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    control,
    formState: { errors, isDirty },
  } = useForm<CorrespondentFormInput, unknown, CorrespondentFormValues>({
    resolver: zodResolver(CorrespondentFormSchema),
    defaultValues: toFormInput(initial),
  });
  const { saved, setSaved, notice, setNotice, message, setMessage, busy, run, showFailure } = useRecordSave<
    Correspondent,
    CorrespondentFormInput,
    Busy
  >({
    initial,
    setError,
    fieldOf: formPath,
    invalidTitle: (error) => error.problem.detail ?? 'The profile was not saved. Check the highlighted fields.',
  });
  const name = useWatch({ control, name: 'name' }) ?? '';

  function show(next: Correspondent) {
    reset(toFormInput(next));
    setSaved(next);
    setPhoto(next.photo);
  }

  function changePhoto(media: Media | null) {
    setPhoto(media);
    setValue('photoId', media?.id ?? null, { shouldDirty: true });
    setValue('photoAlt', media?.alt ?? '', { shouldDirty: true });
    setValue('photoCredit', media?.credit ?? '', { shouldDirty: true });
    setValue('photoCaption', media?.caption ?? '', { shouldDirty: true });
  }

  /** The photo's alt text and credit are saved on the image itself, before the profile. */
  async function savePhotoText(values: CorrespondentFormValues): Promise<Media | null> {
    if (!photo || (values.photoAlt === photo.alt && values.photoCredit === photo.credit && values.photoCaption === photo.caption))
      return photo;
    const updated = await browserApi.call('media.update', {
      params: { id: photo.id },
      body: { version: photo.version, alt: values.photoAlt, credit: values.photoCredit, caption: values.photoCaption },
    });
    setPhoto(updated);
    return updated;
  }

  async function save(values: CorrespondentFormValues): Promise<Correspondent | null> {
    setNotice(null);
    setMessage(null);
    try {
      const savedPhoto = await savePhotoText(values);
      if (!saved) {
        const created = await browserApi.call('correspondents.create', { body: toCreateInput(values) });
        show(created);
        announceArrival(created.id, 'Profile created.');
        router.replace(`/correspondents/${created.id}`);
        return created;
      }
      const update = toUpdateInput(values, saved);
      if (Object.keys(update).length === 1) {
        const current = { ...saved, photo: savedPhoto };
        show(current);
        setMessage(savedPhoto !== saved.photo ? 'Photo details saved.' : 'No changes to save.');
        return current;
      }
      const updated = await browserApi.call('correspondents.update', { params: { id: saved.id }, body: update });
      show(updated);
      setMessage('Saved.');
      return updated;
    } catch (error) {
      showFailure(error);
      return null;
    }
  }

  const onSave = handleSubmit((values) => run('save', async () => void (await save(values))));

  async function setPublished(next: boolean) {
    if (!saved) return;
    if (next) {
      // Pending edits are saved first, so what goes live is what is on the screen.
      await handleSubmit((values) =>
        run('publish', async () => {
          const current = isDirty ? await save(values) : saved;
          if (!current) return;
          try {
            show(await browserApi.call('correspondents.publish', { params: { id: current.id }, body: { version: current.version } }));
            setMessage('Published.');
          } catch (error) {
            showFailure(error);
          }
        }),
      )();
      return;
    }
    setNotice(null);
    await run('publish', async () => {
      try {
        const unpublished = await browserApi.call('correspondents.unpublish', {
          params: { id: saved.id },
          body: { version: saved.version },
        });
        reset(toFormInput(unpublished), { keepDirtyValues: true });
        setSaved(unpublished);
        setMessage('Unpublished.');
      } catch (error) {
        showFailure(error);
      }
    });
  }

  async function remove() {
    if (!saved || !window.confirm(`Delete the profile of ${saved.name}? Their person stays in the people registry.`)) return;
    setNotice(null);
    await run('delete', async () => {
      try {
        await browserApi.call('correspondents.delete', { params: { id: saved.id }, query: { version: saved.version } });
        router.push('/correspondents');
        router.refresh();
      } catch (error) {
        showFailure(error);
      }
    });
  }

  async function reloadLatest() {
    if (!saved || (isDirty && !window.confirm('Discard your unsaved changes and load the latest version of this profile?'))) return;
    await run('reload', async () => {
      try {
        const latest = await browserApi.call('correspondents.get', { params: { id: saved.id } });
        show(latest);
        setNotice(null);
        setMessage(`Loaded the latest version (${latest.version}).`);
      } catch (error) {
        showFailure(error);
      }
    });
  }

  const saveState = busy === 'save' ? 'Saving…' : (message ?? (isDirty ? 'Unsaved changes' : ''));

  return (
    <form onSubmit={onSave} noValidate className="story-editor" aria-labelledby="profile-form-title">
      <EditorHeader
        section={{ href: '/correspondents', label: 'Correspondents' }}
        titleId="profile-form-title"
        title={saved ? (canWrite ? 'Edit correspondent' : saved.name) : 'New correspondent'}
        saveState={saveState}
        canWrite={canWrite}
        busy={busy !== null}
        saving={busy === 'save'}
      />

      {!canWrite ? <p className="banner banner-info">Profiles are managed by admins: you can read this one but not change it.</p> : null}
      {notice ? <RecordNoticeBanner notice={notice} what="profile" reloading={busy === 'reload'} onReload={reloadLatest} /> : null}

      <div className="editor-grid">
        <fieldset className="editor-fields" disabled={!canWrite}>
          <legend className="visually-hidden">Profile</legend>
          <NameFields
            idPrefix="correspondent"
            fullName={name}
            name={{ label: 'Name', registration: register('name'), error: errors.name }}
            givenName={{ hint: 'Leave empty to take it from the name.', registration: register('givenName'), error: errors.givenName }}
            familyName={{
              hint: 'Used alone on later references in transcripts.',
              registration: register('familyName'),
              error: errors.familyName,
            }}
          />
          <Field
            id="correspondent-slug"
            label="Slug"
            hint="The profile's address. After publication, a changed slug keeps the old one as a redirect."
            error={errors.slug}
          >
            <input
              className="input-mono"
              autoComplete="off"
              spellCheck={false}
              placeholder={slugify(name) || 'derived-from-the-name'}
              {...fieldAria('correspondent-slug', { hint: true, error: errors.slug })}
              {...register('slug')}
            />
          </Field>
          <div className="field-row">
            <Field id="correspondent-title" label="Title" hint="e.g. International Correspondent" error={errors.title}>
              <input autoComplete="off" {...fieldAria('correspondent-title', { hint: true, error: errors.title })} {...register('title')} />
            </Field>
            <Field id="correspondent-bureau" label="Bureau" hint="Where they are based, e.g. Moscow" error={errors.bureau}>
              <input
                autoComplete="off"
                {...fieldAria('correspondent-bureau', { hint: true, error: errors.bureau })}
                {...register('bureau')}
              />
            </Field>
          </div>
          <Field id="correspondent-email" label="Email" hint="Staff only: never shown on the public profile." error={errors.email}>
            <input
              type="email"
              autoComplete="off"
              {...fieldAria('correspondent-email', { hint: true, error: errors.email })}
              {...register('email')}
            />
          </Field>
          <PhotoField photo={photo} onChange={changePhoto} onUpdated={setPhoto} register={register} errors={errors} disabled={!canWrite} />
          <Field
            id="correspondent-bio"
            label="Bio"
            hint="Paragraphs, bold, italic, lists and links; anything else is removed when saved."
            error={errors.bio}
          >
            <BioEditor
              rows={8}
              className="input-mono"
              spellCheck
              registration={register('bio')}
              setValue={(value) => setValue('bio', value, { shouldDirty: true })}
              disabled={!canWrite}
              {...fieldAria('correspondent-bio', { hint: true, error: errors.bio })}
            />
          </Field>
          <Field
            id="correspondent-beats"
            label="Beats"
            hint={`Topics they cover (up to ${BEATS_MAX}); press Enter after each.`}
            error={errors.beats as never}
          >
            <Controller
              control={control}
              name="beats"
              render={({ field }) => (
                <ChipsInput
                  id="correspondent-beats"
                  value={field.value ?? []}
                  onChange={field.onChange}
                  itemLabel="beat"
                  placeholder="e.g. Russia"
                  disabled={!canWrite}
                  describedBy="correspondent-beats-hint"
                  invalid={Boolean(errors.beats)}
                  maxLength={60}
                />
              )}
            />
          </Field>
          <SocialLinksField control={control} register={register} errors={errors.socialLinks} disabled={!canWrite} />
          <div className="field">
            <label className="checkbox" htmlFor="correspondent-active">
              <input id="correspondent-active" type="checkbox" aria-describedby="correspondent-active-hint" {...register('active')} />
              Still on staff
            </label>
            <p id="correspondent-active-hint" className="field-hint">
              Uncheck when they leave: the profile and their stories stay, marked as departed.
            </p>
          </div>
        </fieldset>

        <aside className="editor-side">
          <ProfilePanel
            correspondent={saved}
            canWrite={canWrite}
            busy={busy !== null}
            switching={busy === 'publish'}
            deleting={busy === 'delete'}
            onPublishedChange={setPublished}
            onDelete={remove}
          />
        </aside>
      </div>
    </form>
  );
}
