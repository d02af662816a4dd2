/** Array.isArray narrows a readonly array to any[]: this keeps the element type. */
function isList(keys: readonly string[] | Readonly<Record<string, string>>): keys is readonly string[] {
  return Array.isArray(keys);
}

/**
 * The changed fields between two snapshots, as { field: [before, after] }; unchanged fields are
 * left out. `fields` lists the keys to compare, or maps a record key (a column) to the name the
 * diff uses (the contract's field name).
 */
export function compactDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields?: readonly string[] | Readonly<Record<string, string>>,
): Record<string, [unknown, unknown]> {
  const keys = fields ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const names: Array<[string, string]> = isList(keys) ? keys.map((key): [string, string] => [key, key]) : Object.entries(keys);
  const diff: Record<string, [unknown, unknown]> = {};
  for (const [key, name] of names) {
    const a = normalize(before?.[key]);
    const b = normalize(after?.[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[name] = [a, b];
  }
  return diff;
}

const LONG = 500;

/** Dates as ISO strings, empty text as null, long texts shortened: the audit log says what changed, revisions keep the full text. */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === '') return null;
  if (typeof value === 'string' && value.length > LONG) return `${value.slice(0, LONG)}… (${value.length} characters)`;
  return value ?? null;
}
