'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { CreateUserSchema, type PasswordLink, type Role, type StaffUser, type UpdateUserInput } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { RecordNoticeBanner } from '@/components/record-notice';
import { Field, fieldAria } from '@/components/field';
import { LocalTime } from '@/components/local-time';
import { PasswordLinkBox } from '@/components/password-link';
import { ActiveBadge } from '@/components/role-badges';
import { RoleCheckboxes } from '@/components/role-checkboxes';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { bannerFor } from '@/lib/form-errors';
import { useRecordSave } from '@/lib/use-record-save';

/** Name and roles, with the same rules as when the user was added (the contract's UpdateUserSchema makes both optional). */
const EditUserSchema = CreateUserSchema.pick({ name: true, roles: true });
type FormInput = z.input<typeof EditUserSchema>;
type FormValues = z.output<typeof EditUserSchema>;
const FIELDS = ['name', 'roles'] as const;

const toFormInput = (user: StaffUser): FormInput => ({ name: user.name, roles: [...user.roles] });
const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.includes(role));

type Busy = 'save' | 'active' | 'link' | 'reload';
const FIELD_LABELS = { name: 'Name', roles: 'Roles', active: 'Status (active or deactivated)' } as const;

/** An admin's page for one staff account: name and roles, deactivate / reactivate, a new set-password link. */
export function UserEditor({ user: initialUser, isSelf }: { user: StaffUser; isSelf: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [activeError, setActiveError] = useState<string | null>(null);
  const [statusMessage, setStatusMessage] = useState<string | null>(null);
  const [link, setLink] = useState<PasswordLink | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<FormInput, unknown, FormValues>({ resolver: zodResolver(EditUserSchema), defaultValues: toFormInput(initialUser) });

  // A 409 (someone else saved this account since it was loaded) names what they changed.
  const {
    saved,
    setSaved: setUser,
    notice,
    setNotice,
    message,
    setMessage,
    busy,
    run,
    showFailure,
  } = useRecordSave<StaffUser, FormInput, Busy>({
    initial: initialUser,
    setError,
    fieldOf: (field) => FIELDS.find((name) => name === field) ?? null,
    invalidTitle: () => 'The changes were not saved. Check the highlighted fields.',
    changedFields: true,
    notFound: { title: 'This user no longer exists.' },
    sessionEnd: 'ignore', // on the way to /login
  });
  const user = saved ?? initialUser;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  /** After any change: this page's state, and the server-rendered parts (the masthead shows the admin's own name). */
  function changed(updated: StaffUser) {
    setUser(updated);
    router.refresh();
  }

  const onSave = handleSubmit(async (values) => {
    if (busy) return;
    setNotice(null);
    setMessage(null);
    const update: UpdateUserInput = { version: user.version };
    if (values.name !== user.name) update.name = values.name;
    if (!sameRoles(values.roles, user.roles)) update.roles = values.roles;
    if (update.name === undefined && update.roles === undefined) {
      reset(toFormInput(user));
      setMessage('No changes to save.');
      return;
    }
    await run('save', async () => {
      const updated = await browserApi.call('users.update', { params: { id: user.id }, body: update });
      reset(toFormInput(updated));
      changed(updated);
      setMessage('Saved.');
    });
  });

  async function setActive(active: boolean) {
    setActiveError(null);
    setStatusMessage(null);
    await run('active', async () => {
      try {
        const updated = await browserApi.call('users.update', { params: { id: user.id }, body: { version: user.version, active } });
        changed(updated);
        setConfirming(false);
        setStatusMessage(active ? 'Reactivated. They can sign in again.' : 'Deactivated. They were signed out everywhere.');
      } catch (error) {
        if (isSessionEnd(error)) return;
        setConfirming(false);
        if (isApiError(error) && error.status === 409) return showFailure(error); // the conflict notice
        const field = isApiError(error) ? error.fieldErrors.find((fieldError) => fieldError.field === 'active') : undefined;
        setActiveError(field?.message ?? bannerFor(error, 'This user').title);
      }
    });
  }

  /** After a 409: load the latest version of the account (what the other admin saved) into the page. */
  async function reloadLatest() {
    await run('reload', async () => {
      const latest = await browserApi.call('users.get', { params: { id: user.id } });
      setUser(latest);
      reset(toFormInput(latest));
      setNotice(null);
      setMessage(null);
      router.refresh();
    });
  }

  async function issueLink() {
    setLinkError(null);
    await run('link', async () => {
      try {
        setLink(await browserApi.call('users.resetPassword', { params: { id: user.id } }));
      } catch (error) {
        if (isSessionEnd(error)) return;
        setLinkError(bannerFor(error, 'This user').title);
      }
    });
  }

  return (
    <div className="user-editor">
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link href="/users">Users</Link>
          </p>
          <h1>
            {user.name}
            {isSelf ? <span className="muted title-note"> (you)</span> : null}
          </h1>
        </div>
        <p className="user-email-large">{user.email}</p>
      </div>

      {notice ? (
        <RecordNoticeBanner
          notice={notice}
          what="account"
          fieldLabels={FIELD_LABELS}
          reloading={busy === 'reload'}
          onReload={reloadLatest}
        />
      ) : null}

      <div className="editor-grid">
        <form onSubmit={onSave} noValidate className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">Name and roles</h2>
          <Field id="user-name" label="Name" error={errors.name}>
            <input autoComplete="off" {...fieldAria('user-name', { error: errors.name })} {...register('name')} />
          </Field>
          <RoleCheckboxes id="user-roles" register={register('roles')} error={errors.roles} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy !== null}>
              {busy === 'save' ? 'Saving…' : 'Save'}
            </button>
            <p className="save-state save-state-inline" role="status">
              {busy === 'save' ? 'Saving…' : (message ?? (isDirty ? 'Unsaved changes' : ''))}
            </p>
          </div>
        </form>

        <aside className="editor-side stack">
          <section className="panel" aria-labelledby="account-title">
            <h2 id="account-title">Account</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <ActiveBadge active={user.active} />
              </dd>
              <dt>Password</dt>
              <dd>{user.hasPassword ? 'Set' : 'Not set yet'}</dd>
              <dt>Added</dt>
              <dd>
                <LocalTime iso={user.createdAt} />
              </dd>
              <dt>Changed</dt>
              <dd>
                <LocalTime iso={user.updatedAt} />
              </dd>
            </dl>

            {confirming ? (
              <div className="confirm" role="group" aria-labelledby="confirm-text">
                <p id="confirm-text">
                  {user.active
                    ? `Deactivate ${user.name}? They are signed out everywhere at once and cannot sign in until reactivated.`
                    : `Reactivate ${user.name}? They can sign in again with their password.`}
                </p>
                <div className="actions">
                  <button
                    ref={confirmButton}
                    type="button"
                    className={user.active ? 'button button-danger' : 'button button-primary'}
                    onClick={() => setActive(!user.active)}
                    disabled={busy !== null}
                  >
                    {busy === 'active' ? 'Working…' : user.active ? 'Yes, deactivate' : 'Yes, reactivate'}
                  </button>
                  <button type="button" className="button button-quiet" onClick={() => setConfirming(false)} disabled={busy !== null}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setActiveError(null);
                  setStatusMessage(null);
                  setConfirming(true);
                }}
                disabled={busy !== null}
                aria-describedby={activeError ? 'user-active-error' : undefined}
              >
                {user.active ? 'Deactivate' : 'Reactivate'}
              </button>
            )}
            {activeError ? (
              <p id="user-active-error" className="field-error" role="alert">
                {activeError}
              </p>
            ) : null}
            {statusMessage ? (
              <p className="panel-note" role="status">
                {statusMessage}
              </p>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="reset-title">
            <h2 id="reset-title">Password</h2>
            <p className="field-hint">
              A new one-time link lets {user.name} choose a password. Earlier links stop working; their current password keeps working until
              they use it.
            </p>
            <button type="button" className="button" onClick={issueLink} disabled={busy !== null}>
              {busy === 'link' ? 'Issuing…' : 'Issue reset link'}
            </button>
            {linkError ? (
              <p className="field-error" role="alert">
                {linkError}
              </p>
            ) : null}
            {link ? <PasswordLinkBox link={link} forName={user.name} id="reset-link" /> : null}
          </section>

          <ul className="link-list">
            <li>
              <Link href={`/audit?entity=user&entityId=${user.id}`}>Changes to this account</Link> (audit log)
            </li>
            <li>
              <Link href={`/audit?actor=${user.id}`}>Everything {user.name} did</Link> (audit log)
            </li>
          </ul>
        </aside>
      </div>
    </div>
  );
}
