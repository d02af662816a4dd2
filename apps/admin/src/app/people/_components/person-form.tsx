'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { PERSON_ALIASES_MAX, slugify, type Person } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { ChipsInput } from '@/components/chips-input';
import { EditorHeader } from '@/components/editor-header';
import { Field, fieldAria } from '@/components/field';
import { LocalTime } from '@/components/local-time';
import { NameFields } from '@/components/name-fields';
import { RecordNoticeBanner, type RecordNotice } from '@/components/record-notice';
import { browserApi, isApiError } from '@/lib/api';
import { MergeDialog } from './merge-dialog';
import { PERSON_FORM_FIELDS, PersonFormSchema, toCreateInput, toFormInput, toUpdateInput, type PersonFormInput, type PersonFormValues } from './person-form-model';

type Busy = 'save' | 'reload' | null;

/** Messages to show on the page a save or merge lands on. */
const arrivals = new Map<string, string>();

interface Props {
  person?: Person;
  /** story.write: editors and admins. */
  canWrite: boolean;
  /** correspondent.write (admins): a staff person's names belong to their profile. */
  canEditProfiles: boolean;
}

export function PersonForm({ person: initial, canWrite, canEditProfiles }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState<Person | undefined>(initial);
  const [notice, setNotice] = useState<RecordNotice | null>(null);
  const [message, setMessage] = useState<string | null>(() => (initial ? (arrivals.get(initial.id) ?? null) : null));
  const [busy, setBusy] = useState<Busy>(null);
  const [merging, setMerging] = useState(false);

  const { register, handleSubmit, reset, setError, control, formState: { errors, isDirty } } =
    useForm<PersonFormInput, unknown, PersonFormValues>({ resolver: zodResolver(PersonFormSchema), defaultValues: toFormInput(initial) });
  const displayName = useWatch({ control, name: 'displayName' }) ?? '';
  const namesLocked = !canWrite || Boolean(saved?.isStaff && !canEditProfiles);

  useEffect(() => {
    if (initial) arrivals.delete(initial.id);
  }, [initial]);

  function showFailure(error: unknown) {
    if (!isApiError(error)) {
      setNotice({ kind: 'error', title: 'The server could not be reached.', detail: 'Your edits are still here. Check your connection and try again.' });
      return;
    }
    if (error.status === 401) return setNotice({ kind: 'session' });
    const unmapped: string[] = [];
    let mapped = 0;
    for (const fieldError of error.fieldErrors) {
      const top = fieldError.field.split('.')[0]!;
      if ((PERSON_FORM_FIELDS as readonly string[]).includes(top)) {
        setError(top as FieldPath<PersonFormInput>, { type: 'server', message: fieldError.message }, { shouldFocus: mapped === 0 });
        mapped += 1;
      } else {
        unmapped.push(fieldError.field === '(body)' ? fieldError.message : `${fieldError.field}: ${fieldError.message}`);
      }
    }
    if (error.status === 409 && error.problem.currentVersion !== undefined && saved) setNotice({ kind: 'conflict', currentVersion: error.problem.currentVersion });
    else if (mapped > 0 && unmapped.length === 0) setNotice({ kind: 'error', title: 'The person was not saved. Check the highlighted fields.' });
    else if (error.status === 403) setNotice({ kind: 'error', title: 'You do not have permission to do that.', detail: error.problem.detail });
    else setNotice({ kind: 'error', title: error.problem.title, detail: error.problem.detail, items: unmapped });
  }

  const onSave = handleSubmit(async (values) => {
    if (busy) return;
    setBusy('save');
    setNotice(null);
    setMessage(null);
    try {
      if (!saved) {
        const created = await browserApi.call('people.create', { body: toCreateInput(values) });
        reset(toFormInput(created));
        setSaved(created);
        arrivals.set(created.id, 'Person added.');
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
    } catch (error) {
      showFailure(error);
    } finally {
      setBusy(null);
    }
  });

  async function reloadLatest() {
    if (!saved || (isDirty && !window.confirm('Discard your unsaved changes and load the latest version of this person?'))) return;
    setBusy('reload');
    try {
      const latest = await browserApi.call('people.get', { params: { id: saved.id } });
      reset(toFormInput(latest));
      setSaved(latest);
      setNotice(null);
      setMessage(`Loaded the latest version (${latest.version}).`);
    } catch (error) {
      showFailure(error);
    } finally {
      setBusy(null);
    }
  }

  function merged(survivor: Person) {
    setMerging(false);
    arrivals.set(survivor.id, `Merged ${saved?.displayName ?? 'the duplicate'} into ${survivor.displayName}.`);
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
              name={{ label: 'Display name', hint: 'As written in a byline or first reference, e.g. Sergey Lavrov.', registration: register('displayName'), error: errors.displayName }}
              givenName={{ hint: 'Leave empty to take it from the display name.', registration: register('givenName'), error: errors.givenName }}
              familyName={{ hint: 'Used alone on later references (LAVROV:).', registration: register('familyName'), error: errors.familyName }}
            />
            <div className="field-row">
              <Field id="person-title" label="Label title" hint="Printed before the name on a first reference, in capitals: PRESIDENT." error={errors.labelTitle}>
                <input autoComplete="off" className="input-mono" {...fieldAria('person-title', { hint: true, error: errors.labelTitle })} {...register('labelTitle')} />
              </Field>
              <Field id="person-affiliation" label="Who they are" hint="For editors choosing a speaker, e.g. Russian Foreign Minister." error={errors.affiliation}>
                <input autoComplete="off" {...fieldAria('person-affiliation', { hint: true, error: errors.affiliation })} {...register('affiliation')} />
              </Field>
            </div>
            <Field id="person-aliases" label="Other spellings" hint={`Transliterations and other names they are found by (up to ${PERSON_ALIASES_MAX}); press Enter after each.`} error={errors.aliases as never}>
              <Controller
                control={control}
                name="aliases"
                render={({ field }) => (
                  <ChipsInput id="person-aliases" value={field.value ?? []} onChange={field.onChange} itemLabel="spelling" placeholder="e.g. Sergei Lavrov" disabled={!canWrite} describedBy="person-aliases-hint" invalid={Boolean(errors.aliases)} />
                )}
              />
            </Field>
            <Field id="person-slug" label="Slug" hint="Their public page's address; an old one keeps redirecting." error={errors.slug}>
              <input className="input-mono" autoComplete="off" spellCheck={false} placeholder={slugify(displayName) || 'derived-from-the-name'} {...fieldAria('person-slug', { hint: true, error: errors.slug })} {...register('slug')} />
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
      {saved && canMerge ? <MergeDialog key={`${saved.id}-${saved.version}`} person={saved} open={merging} onClose={() => setMerging(false)} onMerged={merged} /> : null}
    </>
  );
}
