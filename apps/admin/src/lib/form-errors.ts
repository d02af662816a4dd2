import { isApiError } from './api';

/** What a banner says about a failed request. */
export interface BannerError {
  title: string;
  detail?: string;
  items?: string[];
}

/** The banner for a failed request that is not (only) about the form's fields. */
export function bannerFor(error: unknown, what: string, unmapped: string[] = []): BannerError {
  if (!isApiError(error)) return { title: 'The server could not be reached.', detail: 'Check your connection and try again.' };
  if (error.status === 403) return { title: 'You do not have permission to do that.', detail: error.problem.detail };
  if (error.status === 404) return { title: `${what} no longer exists.` };
  if (error.status === 429) return { title: 'Too many attempts.', detail: 'Wait a moment and try again.' };
  return { title: error.problem.title, detail: error.problem.detail, items: unmapped };
}
