import type { FieldError as ApiFieldError } from '@newsdesk/contracts';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from './api';

/** What a banner says about a failed request. */
export interface BannerError {
  title: string;
  detail?: string;
  items?: string[];
}

/**
 * Puts the field errors of a 400 on the form's own fields (focusing the first) and returns the rest
 * as lines for a banner ("(body)" errors without the field name).
 */
export function applyFieldErrors<Values extends FieldValues>(
  errors: readonly ApiFieldError[],
  fields: readonly Path<Values>[],
  setError: UseFormSetError<Values>,
): string[] {
  const unmapped: string[] = [];
  let mapped = 0;
  for (const error of errors) {
    const field = fields.find((name) => name === error.field);
    if (field) {
      setError(field, { type: 'server', message: error.message }, { shouldFocus: mapped === 0 });
      mapped += 1;
    } else {
      unmapped.push(error.field === '(body)' ? error.message : `${error.field}: ${error.message}`);
    }
  }
  return unmapped;
}

/** The banner for a failed request that is not (only) about the form's fields. */
export function bannerFor(error: unknown, what: string, unmapped: string[] = []): BannerError {
  if (!isApiError(error)) return { title: 'The server could not be reached.', detail: 'Check your connection and try again.' };
  if (error.status === 403) return { title: 'You do not have permission to do that.', detail: error.problem.detail };
  if (error.status === 404) return { title: `${what} no longer exists.` };
  if (error.status === 429) return { title: 'Too many attempts.', detail: 'Wait a moment and try again.' };
  return { title: error.problem.title, detail: error.problem.detail, items: unmapped };
}
