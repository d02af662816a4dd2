/** The changed fields between two snapshots, as { field: [before, after] }; unchanged fields are left out. */
export function compactDiff(before: Record<string, unknown> | null, after: Record<string, unknown> | null, fields?: readonly string[]): Record<string, [unknown, unknown]> {
  const keys = fields ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of keys) {
    const a = normalize(before?.[key]);
    const b = normalize(after?.[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = [a, b];
  }
  return diff;
}

const LONG = 500;

/** Dates as ISO strings, long texts shortened: the audit log says what changed, revisions keep the full text. */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && value.length > LONG) return `${value.slice(0, LONG)}… (${value.length} characters)`;
  return value ?? null;
}
