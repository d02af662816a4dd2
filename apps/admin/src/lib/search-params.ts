/** A page's `searchParams`, as Next.js passes them to a server component. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** One value of a search parameter: a repeated parameter (`?q=a&q=b`) counts as absent. */
export function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A list page's address for one tab (`?show=`, absent for "all") and search text (`?q=`). */
export function listTabHref(path: string, tab: string, q: string | undefined): string {
  const params = new URLSearchParams();
  if (tab !== 'all') params.set('show', tab);
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
