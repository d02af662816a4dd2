/** Pure helpers of the presence bar and hook (use-presence.ts, presence-bar.tsx). */

const SECTION_LABELS: Record<string, string> = { headline: 'Headline', teaser: 'Teaser', body: 'Body', transcript: 'Transcript' };

/** "body" -> "Body", as in "Sam is typing in Body". */
export const sectionLabel = (section: string) => SECTION_LABELS[section] ?? section.charAt(0).toUpperCase() + section.slice(1);

/** The avatar's letters: first and last word's initials ("Maria Lopez" -> "ML", "Cher" -> "C"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words.at(-1)] : words;
  return (
    picked
      .map((word) => [...(word ?? '')][0] ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

/** The section an element belongs to: 'transcript', or the story field its id names ('story-body' -> 'body'). */
export function sectionOf(element: Pick<Element, 'closest'> | null): string | null {
  if (!element) return null;
  if (element.closest('.transcript-editor')) return 'transcript';
  const field = element.closest('[id^="story-"]')?.id.slice('story-'.length).split('-')[0];
  return field && /^[a-z][a-z0-9-]{0,39}$/.test(field) ? field : null;
}
