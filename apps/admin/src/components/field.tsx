import type { ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { FieldMessage } from './field-message';

/** Accessibility attributes for an input rendered inside <Field id=...>. */
export function fieldAria(id: string, options: { hint?: boolean; error?: FieldError }) {
  const describedBy = [options.hint ? `${id}-hint` : null, options.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    id,
    'aria-invalid': options.error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

/** A labelled form row: label bound to the input by id, an optional hint, the field's error. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: FieldError;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldMessage id={`${id}-error`} error={error} />
    </div>
  );
}
