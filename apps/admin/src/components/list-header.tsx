import Form from 'next/form';
import Link from 'next/link';
import type { ReactNode } from 'react';

export interface ListTab {
  key: string;
  label: string;
  /** The list with this tab's filter (and the other filters kept). */
  href: string;
  current: boolean;
}

export interface ListSearch {
  /** The list's path; the search form is sent there with GET. */
  action: string;
  /** The search input's id. */
  id: string;
  /** The input's (visually hidden) label. */
  label: string;
  placeholder: string;
  /** The current search, shown in the box. */
  q: string | undefined;
  /** Other filters in force, carried along as hidden inputs (in this order; empty ones are left out). */
  keep?: Record<string, string | undefined>;
}

interface Props {
  title: string;
  /** The "New …" button, for those who may create; absent for the others. */
  create?: { href: string; label: string };
  /** aria-label of the tabs' navigation. */
  tabsLabel: string;
  tabs: readonly ListTab[];
  search: ListSearch;
  /** More filters shown beside the search box (the two in a .filters-row). */
  children?: ReactNode;
}

/** A list page's header: title and "New …" button, then the filter tabs and the search box. */
export function ListHeader({ title, create, tabsLabel, tabs, search, children }: Props) {
  const searchForm = (
    <Form action={search.action} className="search" role="search">
      {Object.entries(search.keep ?? {}).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <label htmlFor={search.id} className="visually-hidden">
        {search.label}
      </label>
      <input id={search.id} name="q" type="search" defaultValue={search.q} placeholder={search.placeholder} />
      <button type="submit" className="button">
        Search
      </button>
    </Form>
  );

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {create ? (
          <Link href={create.href} className="button button-primary">
            {create.label}
          </Link>
        ) : null}
      </div>

      <div className="filters">
        <nav aria-label={tabsLabel}>
          <ul className="tabs">
            {tabs.map((tab) => (
              <li key={tab.key}>
                <Link href={tab.href} aria-current={tab.current ? 'page' : undefined}>
                  {tab.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {children ? (
          <div className="filters-row">
            {searchForm}
            {children}
          </div>
        ) : (
          searchForm
        )}
      </div>
    </>
  );
}
