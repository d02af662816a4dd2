import type { UseFormRegisterReturn } from 'react-hook-form';

/** One labelled checkbox with its hint (the role checkboxes' layout), for a registered boolean field. */
export function CheckboxField({
  id,
  label,
  hint,
  registration,
}: {
  id: string;
  label: string;
  hint?: string;
  registration: UseFormRegisterReturn;
}) {
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...registration} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="checkbox-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
