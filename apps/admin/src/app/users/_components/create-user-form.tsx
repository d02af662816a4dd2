'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { CreateUserSchema, PASSWORD_MIN, PasswordSchema, type CreateUserInput, type CreateUserResponse } from '@newsdesk/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ErrorBanner } from '@/components/error-banner';
import { Field, fieldAria } from '@/components/field';
import { PasswordLinkBox } from '@/components/password-link';
import { RoleBadges } from '@/components/role-badges';
import { RoleCheckboxes } from '@/components/role-checkboxes';
import { browserApi } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';

/**
 * The contract's new-user fields, with the password replaced by a choice: send a one-time
 * set-password link (no password sent), or set one now (checked by the contract's password rules).
 */
const Base = CreateUserSchema.omit({ password: true });
const CreateUserFormSchema = z.discriminatedUnion('sendLink', [
  Base.extend({ sendLink: z.literal(true), password: z.string() }),
  Base.extend({ sendLink: z.literal(false), password: PasswordSchema }),
]);
type FormInput = z.input<typeof CreateUserFormSchema>;
type FormValues = z.output<typeof CreateUserFormSchema>;

const FIELDS = ['email', 'name', 'roles', 'password'] as const;
const EMPTY: FormInput = { email: '', name: '', roles: [], sendLink: true, password: '' };

function toCreateInput(values: FormValues): CreateUserInput {
  const { sendLink, password, ...user } = values;
  return sendLink ? user : { ...user, password };
}

/** Add a staff account; afterwards shows the one-time set-password link (once) when one was issued. */
export function CreateUserForm() {
  const [created, setCreated] = useState<CreateUserResponse | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormValues>({ resolver: zodResolver(CreateUserFormSchema), defaultValues: EMPTY });
  const sendLink = useWatch({ control, name: 'sendLink' });
  const { notice, setNotice, run } = useRecordSave<CreateUserResponse['user'], FormInput, 'save'>({
    initial: undefined,
    setError,
    fieldOf: (field) => FIELDS.find((name) => name === field) ?? null,
    invalidTitle: () => 'The user was not added. Check the highlighted fields.',
    notFound: { title: 'This user no longer exists.' },
    sessionEnd: 'ignore', // on the way to /login
  });

  const onSubmit = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      setCreated(await browserApi.call('users.create', { body: toCreateInput(values) }));
    }),
  );

  function addAnother() {
    setCreated(null);
    reset(EMPTY);
  }

  if (created) {
    const { user, passwordLink } = created;
    return (
      <div className="page-narrow">
        <div className="page-header">
          <div>
            <p className="eyebrow">
              <Link href="/users">Users</Link>
            </p>
            <h1>User added</h1>
          </div>
        </div>
        <section className="panel result-panel" aria-labelledby="created-title">
          <h2 id="created-title">{user.name}</h2>
          <p className="result-facts">
            {user.email} <RoleBadges roles={user.roles} />
          </p>
          {passwordLink ? (
            <PasswordLinkBox link={passwordLink} forName={user.name} id="created-link" />
          ) : (
            <p>They can sign in now with the password you chose. Tell them to change it on their Account page.</p>
          )}
        </section>
        <p className="actions after-panel">
          <Link href={`/users/${user.id}`} className="button">
            Open {user.name}&rsquo;s page
          </Link>
          <button type="button" className="button button-quiet" onClick={addAnother}>
            Add another user
          </button>
          <Link href="/users">Back to users</Link>
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="page-narrow" aria-labelledby="new-user-title">
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link href="/users">Users</Link>
          </p>
          <h1 id="new-user-title">Add user</h1>
        </div>
      </div>

      {notice?.kind === 'error' ? <ErrorBanner error={notice} /> : null}

      <div className="card">
        <Field id="user-email" label="Email" hint="They sign in with it." error={errors.email}>
          <input
            type="email"
            autoComplete="off"
            spellCheck={false}
            {...fieldAria('user-email', { hint: true, error: errors.email })}
            {...register('email')}
          />
        </Field>
        <Field id="user-name" label="Name" error={errors.name}>
          <input autoComplete="off" {...fieldAria('user-name', { error: errors.name })} {...register('name')} />
        </Field>
        <RoleCheckboxes id="user-roles" register={register('roles')} error={errors.roles} />

        <div className="field">
          <div className="checkbox">
            <input id="user-send-link" type="checkbox" aria-describedby="user-send-link-hint" {...register('sendLink')} />
            <label htmlFor="user-send-link">Send a set-password link instead</label>
            <span id="user-send-link-hint" className="checkbox-hint">
              You get a one-time link to hand over; they choose their own password. Untick to set a password now.
            </span>
          </div>
        </div>
        {sendLink ? null : (
          <Field
            id="user-password"
            label="Password"
            hint={`At least ${PASSWORD_MIN} characters, not a common one.`}
            error={errors.password}
          >
            <input
              type="password"
              autoComplete="new-password"
              {...fieldAria('user-password', { hint: true, error: errors.password })}
              {...register('password')}
            />
          </Field>
        )}

        <div className="actions">
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Adding…' : 'Add user'}
          </button>
          <Link href="/users">Cancel</Link>
        </div>
      </div>
    </form>
  );
}
