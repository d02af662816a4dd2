/** A page's `searchParams`, as Next.js passes them to a server component. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** One value of a search parameter: a repeated parameter (`?q=a&q=b`) counts as absent. */
export function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
