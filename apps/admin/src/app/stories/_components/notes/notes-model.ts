import { richTextToPlain, type NoteAnchor, type Story } from '@newsdesk/contracts';

/** One place a note may point at: a top-level block of the body or a transcript turn, as saved. */
export interface AnchorOption {
  value: string;
  anchor: NoteAnchor;
  label: string;
}

const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The anchors of the story as saved: "Paragraph 2: The council…", "Turn 1: KIM: Good morning". */
export function anchorOptions(story: Pick<Story, 'body' | 'transcript'>): AnchorOption[] {
  const paragraphs = story.body.content.map((block, index) => ({
    value: `paragraph:${index}`,
    anchor: { kind: 'paragraph' as const, index },
    label: `Paragraph ${index + 1}: ${short(richTextToPlain({ type: 'doc', content: [block] }).trim() || `(${block.type})`)}`,
  }));
  const turns = story.transcript.turns.map((turn, index) => ({
    value: `turn:${index}`,
    anchor: { kind: 'turn' as const, index },
    label: `Turn ${index + 1}: ${short('cue' in turn ? turn.cue : `${turn.renderedLabel ?? turn.label ?? 'Speaker'}: ${turn.text}`)}`,
  }));
  return [...paragraphs, ...turns];
}

/** What a note's anchor points at, for its header ("Paragraph 2", or the option's text when it still exists). */
export function anchorLabel(anchor: NoteAnchor, options: AnchorOption[]): string {
  const found = options.find((option) => option.value === `${anchor.kind}:${anchor.index}`);
  return found ? found.label : `${anchor.kind === 'paragraph' ? 'Paragraph' : 'Turn'} ${anchor.index + 1} (no longer there)`;
}

/** The chosen mentions whose `@Name` is still in the text (a mention deleted from the text is dropped). */
export function mentionsInText(text: string, chosen: Array<{ id: string; name: string }>): string[] {
  return [...new Set(chosen.filter((user) => text.includes(`@${user.name}`)).map((user) => user.id))];
}

/**
 * The `@name` being typed just before the caret, if any: its start and the text after the @ (up to
 * three words, since names have spaces: "@Maria Go" still looks for Maria Gonzalez).
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  // Words separated by single spaces (no nested repetition: linear on any text).
  const match = /(^|\s)@([^\s@]*(?: [^\s@]+){0,2} ?)$/.exec(text.slice(Math.max(0, caret - 80), caret));
  const query = match?.[2];
  if (query === undefined) return null;
  return { start: caret - query.length - 1, query };
}
