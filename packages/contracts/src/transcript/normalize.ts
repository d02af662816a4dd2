/**
 * Name folding shared by the resolver (matching labels to people) and the renderer (deciding
 * which speakers share a family name), so both agree on what "the same name" means.
 */

/**
 * Folds a name for comparison: case-insensitive (through upper case, so "ß" equals "SS"),
 * diacritics removed ("Lavrov" = "LAVRÓV"), periods and commas dropped ("George W. Bush" = "GEORGE W BUSH"),
 * curly apostrophes straightened, whitespace collapsed. Hyphens are kept ("al-Assad").
 */
export function normalizeName(name: string): string {
  return name
    .toUpperCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[.,]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** First letter of a name, in capitals ("Maria" -> "M"); "" when there is none. */
export function initialOf(name: string): string {
  const letter = /\p{L}/u.exec(name);
  return letter ? letter[0].toUpperCase() : '';
}

/** Levenshtein distance, stopping early once it exceeds `max` (returns max + 1 then). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}
