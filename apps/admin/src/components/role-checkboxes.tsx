import { ROLES, type Role } from '@newsdesk/contracts';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { ROLE_LABELS } from '@/lib/format';

const ROLE_HINTS: Record<Role, string> = {
  admin: 'Everything, including staff accounts and the audit log',
  editor: 'Writes, edits and publishes stories',
  producer: 'Reads stories; runs the schedule',
};

/** The roles of a staff account as checkboxes (one registered field holding the checked values). */
export function RoleCheckboxes({
  id,
  register,
  error,
  disabled,
}: {
  id: string;
  register: UseFormRegisterReturn;
  /** errors.roles of the form (an array field's error: its message is the list's own). */
  error?: { message?: string };
  disabled?: boolean;
}) {
  const message = error?.message;
  return (
    <fieldset
      className={message ? 'field field-invalid' : 'field'}
      aria-describedby={message ? `${id}-error` : undefined}
      disabled={disabled}
    >
      <legend>Roles</legend>
      <ul className="checkbox-list">
        {ROLES.map((role) => (
          <li key={role} className="checkbox">
            <input
              id={`${id}-${role}`}
              type="checkbox"
              value={role}
              aria-invalid={message ? true : undefined}
              aria-describedby={`${id}-${role}-hint`}
              {...register}
            />
            <label htmlFor={`${id}-${role}`}>{ROLE_LABELS[role]}</label>
            <span id={`${id}-${role}-hint`} className="checkbox-hint">
              {ROLE_HINTS[role]}
            </span>
          </li>
        ))}
      </ul>
      {message ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
