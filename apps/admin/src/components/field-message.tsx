import type { FieldError } from 'react-hook-form';

/** A field's error, announced when it appears; the input points at it with aria-describedby. */
export function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  if (!error?.message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {error.message}
    </p>
  );
}
