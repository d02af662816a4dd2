import type { UnidentifiedSpeaker } from './schemas.js';

/**
 * The grammar of one speaker label (the part of a paragraph before its colon), in the styles
 * newsrooms paste:
 *
 *   modern      LUCIAN KIM, BYLINE | PRESIDENT DONALD TRUMP | KIM | M DROB | UNIDENTIFIED MAN #1
 *   older       NEAL CONAN, host | Mr. RICHARD KYLE (Chief White House Correspondent, Bloomberg News)
 *               President GEORGE W. BUSH | Unidentified Man #2 | ROBERT SMITH reporting
 *   either      ... (ph)   -> the spelling of the name is unverified
 *
 * The name itself is always in capitals; that is what tells a label from a sentence that happens
 * to contain a colon ("He said: ..."). In the modern style a title is written in capitals too
 * and cannot be told from the name by its form: `words` keeps title and name together for the
 * resolver, which splits them against the people registry; `title`/`name` are only a guess from
 * a list of common title words.
 */
export interface LabelParts {
  /** The label as read (whitespace collapsed), without its colon. */
  label: string;
  /** The capitals words of the name, with any capitals title words in front of it. */
  words: string[];
  /** Older style's mixed-case title in front of the capitals ("President" -> "PRESIDENT"). */
  titlePrefix: string | null;
  /** Best guess of the title: `titlePrefix` and known title words leading `words`. */
  title: string | null;
  /** Best guess of the name: `words` without the guessed title words. */
  name: string | null;
  role: string | null;
  /** Older style's parenthetical description of the speaker. */
  description: string | null;
  unidentified: UnidentifiedSpeaker | null;
  /** An annotation written inside the label, e.g. "X (Through translator):". */
  annotation: string | null;
  /** "(ph)" in the label. */
  unverified: boolean;
  olderStyle: boolean;
}

export const LABEL_MAX = 160;
/** Longest parenthetical read as an annotation (as TranscriptAnnotationSchema allows). */
export const ANNOTATION_MAX = 120;

/** Courtesy titles of the older style, dropped (the modern label has none). */
const HONORIFICS = new Set(['MR', 'MRS', 'MS', 'MISS', 'MX', 'DR', 'MESSRS']);

/** Words that, leading a modern capitals label, are taken for a title ("PRESIDENT DONALD TRUMP"). */
export const TITLE_WORDS: ReadonlySet<string> = new Set(
  (
    'PRESIDENT VICE PRIME MINISTER FOREIGN DEFENSE INTERIOR SECRETARY OF STATE SENATOR SEN. REP. REPRESENTATIVE ' +
    'CONGRESSMAN CONGRESSWOMAN GOVERNOR GOV. MAYOR JUDGE JUSTICE CHIEF GENERAL GEN. ADMIRAL ADM. COLONEL COL. ' +
    'CAPTAIN CAPT. LIEUTENANT LT. SERGEANT SGT. REV. REVEREND FATHER POPE KING QUEEN PRINCE PRINCESS CHANCELLOR ' +
    'AMBASSADOR ATTORNEY SPEAKER LEADER MAJORITY MINORITY FIRST LADY FORMER U.S. SHEIKH AYATOLLAH SUPREME'
  ).split(' '),
);

/** Lower-case name particles allowed between capitals words ("URSULA von der LEYEN"). */
const PARTICLES = new Set([
  'al',
  'el',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'du',
  'la',
  'le',
  'van',
  'von',
  'bin',
  'ibn',
  'y',
  'dos',
  'das',
  'ter',
  'ten',
]);

const CAPS_WORD = /^(?:Mc|Mac|(?:al|el)-)?[\p{Lu}\p{N}][\p{Lu}\p{M}\p{N}'\u2019.-]*$/u;
const PREFIX_WORD = /^\p{Lu}[\p{Ll}\p{M}'-]+\.?$/u; // "President", "Mr.", "Secretary"
const CONNECTOR = /^(?:of|the|for|and)$/;
const ROLE_UPPER = /^[A-Z][A-Z' -]{0,38}[A-Z]$/;
const ROLE_LOWER = /^[a-z][a-z' -]{0,38}[a-z]$/;
const NAME_SUFFIX = /^(?:JR|SR|II|III|IV)\.?$/i;
const NUMBER = /^#(\d{1,3})$/;
/** Parentheticals inside a label that are annotations rather than a description. */
const ANNOTATION_LIKE = /^(?:through (?:an )?(?:interpreter|translator)|speaking \p{L}|as \p{L}|singing|reading|via )/iu;

/** Reads a label, or returns null when the text is not one (then it is not a turn's start). */
export function readLabel(candidate: string): LabelParts | null {
  const label = candidate.replace(/\s+/g, ' ').trim();
  if (label === '' || label.length > LABEL_MAX) return null;

  let unverified = false;
  let annotation: string | null = null;
  const descriptions: string[] = [];
  let rest = label.replace(/\(([^()]*)\)/g, (_match, inner: string) => {
    const text = inner.trim();
    if (/^ph$/i.test(text)) unverified = true;
    else if (annotation === null && text.length <= ANNOTATION_MAX && ANNOTATION_LIKE.test(text)) annotation = text;
    else if (text !== '') descriptions.push(text);
    return ' ';
  });
  if (/[()]/.test(rest)) return null;
  rest = rest.replace(/\s+/g, ' ').trim();

  // The role follows the last comma ("LUCIAN KIM, BYLINE"; older "NEAL CONAN, host"),
  // but "MARTIN LUTHER KING, JR." is a name.
  const [head = '', ...tail] = rest.split(/\s*,\s*/);
  let namePart = head;
  if (tail[0] !== undefined && NAME_SUFFIX.test(tail[0])) namePart = `${namePart} ${tail.shift() ?? ''}`;
  if (tail.length > 1) return null;
  let role: string | null = null;
  let olderStyle = descriptions.length > 0;
  if (tail[0] !== undefined) {
    if (ROLE_UPPER.test(tail[0])) role = tail[0];
    else if (ROLE_LOWER.test(tail[0])) {
      role = tail[0].toUpperCase();
      olderStyle = true;
    } else return null;
  }
  // Older style's reporter form: "ROBERT SMITH reporting".
  if (role === null && / reporting$/.test(namePart)) {
    namePart = namePart.slice(0, -' reporting'.length);
    role = 'BYLINE';
    olderStyle = true;
  }

  const words = namePart.split(' ').filter(Boolean);
  const base = { label, role, description: descriptions.join('; ') || null, annotation, unverified };
  if (words.length === 0 || words.length > 12) return null;

  if (/^unidentified$/i.test(words[0] ?? '')) {
    const unidentified = readUnidentified(words.slice(1));
    if (!unidentified) return null;
    olderStyle ||= words[0] !== 'UNIDENTIFIED';
    return { ...base, words: [], titlePrefix: null, title: null, name: null, unidentified, olderStyle };
  }

  // Older style: a mixed-case title or courtesy title in front of the capitals name.
  let start = 0;
  while (start < words.length && start < 5 && (PREFIX_WORD.test(words[start] ?? '') || (start > 0 && CONNECTOR.test(words[start] ?? ''))))
    start++;
  const caps = words.slice(start);
  if (caps.length === 0) return null;
  const capsOk = caps.every((word, i) => CAPS_WORD.test(word) || (i > 0 && (PARTICLES.has(word) || NAME_SUFFIX.test(word))));
  if (!capsOk || !caps.some((word) => /\p{Lu}{2}/u.test(word))) return null;
  const prefix = words
    .slice(0, start)
    .filter((word) => !HONORIFICS.has(word.replace(/\.$/, '').toUpperCase()))
    .map((word) => word.toUpperCase());
  olderStyle ||= start > 0;

  let titleCount = 0;
  while (titleCount < caps.length - 1 && TITLE_WORDS.has(caps[titleCount] ?? '')) titleCount++;
  const titleWords = [...prefix, ...caps.slice(0, titleCount)];
  return {
    ...base,
    words: caps,
    titlePrefix: prefix.length ? prefix.join(' ') : null,
    title: titleWords.length ? titleWords.join(' ') : null,
    name: caps.slice(titleCount).join(' '),
    unidentified: null,
    olderStyle,
  };
}

/** "MAN #1" -> { descriptor: "MAN", number: 1 }; "Group of Protesters" -> "GROUP OF PROTESTERS". */
function readUnidentified(words: string[]): UnidentifiedSpeaker | null {
  let number: number | null = null;
  const descriptor: string[] = [];
  for (const word of words) {
    const numbered = NUMBER.exec(word);
    if (numbered) number = Number(numbered[1]);
    else if (number === null && /^[A-Za-z'-]+$/.test(word)) descriptor.push(word.toUpperCase());
    else return null;
  }
  if (number === 0) return null;
  return { descriptor: descriptor.join(' ') || 'PERSON', number };
}
