'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { PERSON_ALIASES_MAX, slugify, type Person } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { ChipsInput } from '@/components/chips-input';
import { EditorHeader } from '@/components/editor-header';
import { Field, fieldAria } from '@/components/field';
import { LocalTime } from '@/components/local-time';
import { NameFields } from '@/components/name-fields';
import { RecordNoticeBanner } from '@/components/record-notice';
import { browserApi } from '@/lib/api';
import { announceArrival, useRecordSave } from '@/lib/use-record-save';
import { MergeDialog } from './merge-dialog';
import {
  PERSON_FORM_FIELDS,
  PersonFormSchema,
  toCreateInput,
  toFormInput,
  toUpdateInput,
  type PersonFormInput,
  type PersonFormValues,
} from './person-form-model';

type Busy = 'save' | 'reload';

interface Props {
  person?: Person;
  /** story.write: editors and admins. */
  canWrite: boolean;
  /** correspondent.write (admins): a staff person's names belong to their profile. */
  canEditProfiles: boolean;
}

export function PersonForm({ person: initial, canWrite, canEditProfiles }: Props) {
  const router = useRouter();
  const [merging, setMerging] = useState(false);

  const {
    register,
    handleSubmit,
    reset,
    setError,
    control,
    formState: { errors, isDirty },
  } = useForm<PersonFormInput, unknown, PersonFormValues>({ resolver: zodResolver(PersonFormSchema), defaultValues: toFormInput(initial) });
  const { saved, setSaved, notice, setNotice, message, setMessage, busy, run } = useRecordSave<Person, PersonFormInput, Busy>({
    initial,
    setError,
    fieldOf: (field) => {
      const top = field.split('.')[0] ?? field;
      return (PERSON_FORM_FIELDS as readonly string[]).includes(top) ? (top as FieldPath<PersonFormInput>) : null;
    },
    invalidTitle: () => 'The person was not saved. Check the highlighted fields.',
  });
  const displayName = useWatch({ control, name: 'displayName' }) ?? '';
  const namesLocked = !canWrite || Boolean(saved?.isStaff && !canEditProfiles);

  const onSave = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      setMessage(null);
      if (!saved) {
        const created = await browserApi.call('people.create', { body: toCreateInput(values) });
        reset(toFormInput(created));
        setSaved(created);
        announceArrival(created.id, 'Person added.');
        router.replace(`/people/${created.id}`);
        return;
      }
      const update = toUpdateInput(values, saved);
      if (Object.keys(update).length === 1) {
        reset(toFormInput(saved));
        setMessage('No changes to save.');
        return;
      }
      const updated = await browserApi.call('people.update', { params: { id: saved.id }, body: update });
      reset(toFormInput(updated));
      setSaved(updated);
      setMessage('Saved.');
    }),
  );

  async function reloadLatest() {
    if (!saved || (isDirty && !window.confirm('Discard your unsaved changes and load the latest version of this person?'))) return;
    await run('reload', async () => {
      const latest = await browserApi.call('people.get', { params: { id: saved.id } });
      reset(toFormInput(latest));
      setSaved(latest);
      setNotice(null);
      setMessage(`Loaded the latest version (${latest.version}).`);
    });
  }

  function merged(survivor: Person) {
    setMerging(false);
    announceArrival(survivor.id, `Merged ${saved?.displayName ?? 'the duplicate'} into ${survivor.displayName}.`);
    router.push(`/people/${survivor.id}`);
    router.refresh();
  }

  const canMerge = canWrite && saved && (!saved.isStaff || canEditProfiles);
  const saveState = busy === 'save' ? 'Saving…' : (message ?? (isDirty ? 'Unsaved changes' : ''));

  return (
    <>
      <form onSubmit={onSave} noValidate className="story-editor" aria-labelledby="person-form-title">
        <EditorHeader
          section={{ href: '/people', label: 'People' }}
          titleId="person-form-title"
          title={saved ? (canWrite ? 'Edit person' : saved.displayName) : 'New person'}
          saveState={saveState}
          canWrite={canWrite}
          busy={busy !== null}
          saving={busy === 'save'}
        />

        {!canWrite ? <p className="banner banner-info">You can read the people registry but not change it.</p> : null}
        {saved?.isStaff && saved.correspondentId ? (
          <p className="banner banner-info">
            {saved.displayName} has a <Link href={`/correspondents/${saved.correspondentId}`}>correspondent profile</Link>.{' '}
            {canEditProfiles ? 'Name changes here change the profile too.' : 'Their name is changed on the profile, by an admin.'}
          </p>
        ) : null}
        {notice ? <RecordNoticeBanner notice={notice} what="person" reloading={busy === 'reload'} onReload={reloadLatest} /> : null}

        <div className="editor-grid">
          <fieldset className="editor-fields" disabled={!canWrite}>
            <legend className="visually-hidden">Person</legend>
            <NameFields
              idPrefix="person"
              fullName={displayName}
              readOnly={namesLocked}
              name={{
                label: 'Display name',
                hint: 'As written in a byline or first reference, e.g. Sergey Lavrov.',
                registration: register('displayName'),
                error: errors.displayName,
              }}
              givenName={{
                hint: 'Leave empty to take it from the display name.',
                registration: register('givenName'),
                error: errors.givenName,
              }}
              familyName={{
                hint: 'Used alone on later references (LAVROV:).',
                registration: register('familyName'),
                error: errors.familyName,
              }}
            />
            <div className="field-row">
              <Field
                id="person-title"
                label="Label title"
                hint="Printed before the name on a first reference, in capitals: PRESIDENT."
                error={errors.labelTitle}
              >
                <input
                  autoComplete="off"
                  className="input-mono"
                  {...fieldAria('person-title', { hint: true, error: errors.labelTitle })}
                  {...register('labelTitle')}
                />
              </Field>
              <Field
                id="person-affiliation"
                label="Who they are"
                hint="For editors choosing a speaker, e.g. Russian Foreign Minister."
                error={errors.affiliation}
              >
                <input
                  autoComplete="off"
                  {...fieldAria('person-affiliation', { hint: true, error: errors.affiliation })}
                  {...register('affiliation')}
                />
              </Field>
              <Field
                id="person-pace"
                label="Reading pace (words per minute)"
                hint="When they host: their scripts' reading times use it (60-400). Empty: the program's pace."
                error={errors.wordsPerMinute}
              >
                <input
                  autoComplete="off"
                  inputMode="numeric"
                  className="input-mono"
                  {...fieldAria('person-pace', { hint: true, error: errors.wordsPerMinute })}
                  {...register('wordsPerMinute')}
                />
              </Field>
            </div>
            <Field
              id="person-aliases"
              label="Other spellings"
              hint={`Transliterations and other names they are found by (up to ${PERSON_ALIASES_MAX}); press Enter after each.`}
              error={errors.aliases as never}
            >
              <Controller
                control={control}
                name="aliases"
                render={({ field }) => (
                  <ChipsInput
                    id="person-aliases"
                    value={field.value ?? []}
                    onChange={field.onChange}
                    itemLabel="spelling"
                    placeholder="e.g. Sergei Lavrov"
                    disabled={!canWrite}
                    describedBy="person-aliases-hint"
                    invalid={Boolean(errors.aliases)}
                  />
                )}
              />
            </Field>
            <Field id="person-slug" label="Slug" hint="Their public page's address; an old one keeps redirecting." error={errors.slug}>
              <input
                className="input-mono"
                autoComplete="off"
                spellCheck={false}
                placeholder={slugify(displayName) || 'derived-from-the-name'}
                {...fieldAria('person-slug', { hint: true, error: errors.slug })}
                {...register('slug')}
              />
            </Field>
          </fieldset>

          <aside className="editor-side">
            <section className="panel" aria-labelledby="person-panel-title">
              <h2 id="person-panel-title">Record</h2>
              {saved ? (
                <>
                  <dl className="facts">
                    <dt>Staff</dt>
                    <dd>{saved.isStaff ? 'Yes (correspondent)' : 'No'}</dd>
                    <dt>Last saved</dt>
                    <dd>
                      <LocalTime iso={saved.updatedAt} />
                    </dd>
                    <dt>Version</dt>
                    <dd>{saved.version}</dd>
                  </dl>
                  {canMerge ? (
                    <div className="danger-zone">
                      <p className="field-hint">A duplicate of someone already in the registry?</p>
                      <button type="button" className="button button-quiet" onClick={() => setMerging(true)}>
                        Merge into another person…
                      </button>
                    </div>
                  ) : null}
                </>
              ) : (
                <p className="muted">Not saved yet.</p>
              )}
            </section>
          </aside>
        </div>
      </form>
      {/* Outside the form: Enter in its search box must not save the person. */}
      {saved && canMerge ? (
        <MergeDialog
          key={`${saved.id}-${saved.version}`}
          person={saved}
          open={merging}
          onClose={() => setMerging(false)}
          onMerged={merged}
        />
      ) : null}
    </>
  );
}
