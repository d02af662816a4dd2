// Story text, bodies and transcripts, built from the vocabulary with a seeded random source.
// Bodies are rich-text documents rendered with the contracts' renderer, so body, body_html and
// body_text agree exactly as the API's write path would store them.
import { renderRichText, richTextToPlain, renderTranscript, transcriptToText } from '@newsdesk/contracts';
import { ANNOTATIONS, CUES, FILLER, PLACES, TITLES, TOPICS, UNIDENTIFIED } from './words.js';

/** @typedef {import('./random.js').Random} Random */

const capitalize = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A sentence of `min`..`max` words: filler words (long-tailed), with topic terms mixed in.
 * @param {Random} random @param {string[]} terms @param {number} min @param {number} max
 */
export function sentence(random, terms, min = 12, max = 26) {
  const length = random.between(min, max);
  const words = [];
  for (let i = 0; i < length; i++) {
    words.push(random.chance(0.12) ? random.pick(terms) : FILLER[random.zipf(FILLER.length, 0.9, 4)]);
  }
  words[0] = capitalize(words[0]);
  return `${words.join(' ')}${random.chance(0.1) ? '?' : '.'}`;
}

/** @param {Random} random @param {string[]} terms @param {number} sentences */
const paragraphText = (random, terms, sentences) => Array.from({ length: sentences }, () => sentence(random, terms)).join(' ');

/**
 * A paragraph node, sometimes with a bold lead-in or a link, as editors write them.
 * @param {Random} random @param {string[]} terms
 */
function paragraph(random, terms) {
  const text = paragraphText(random, terms, random.between(3, 5));
  if (random.chance(0.15)) {
    const cut = text.indexOf(' ', 20);
    return {
      type: 'paragraph',
      content: [
        { type: 'text', text: text.slice(0, cut), marks: [{ type: 'link', attrs: { href: `https://example.org/${random.pick(terms)}` } }] },
        { type: 'text', text: text.slice(cut) },
      ],
    };
  }
  if (random.chance(0.1)) {
    const cut = text.indexOf(' ', 10);
    return {
      type: 'paragraph',
      content: [
        { type: 'text', text: text.slice(0, cut), marks: [{ type: 'bold' }] },
        { type: 'text', text: text.slice(cut) },
      ],
    };
  }
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

/**
 * The topic terms a story is about: one or two topics.
 * @param {Random} random
 */
export function storyTerms(random) {
  const first = TOPICS[random.zipf(TOPICS.length, 0.6, 3)];
  return random.chance(0.5) ? [...first, ...TOPICS[random.int(TOPICS.length)]] : [...first];
}

/**
 * Headline, teaser, dateline and a body of about `bodyBytes` of HTML (with an image block of `imageSrc` when given).
 * @param {Random} random @param {number} bodyBytes @param {string | null} [imageSrc]
 */
export function storyText(random, bodyBytes, imageSrc = null) {
  const terms = storyTerms(random);
  const headlineWords = sentence(random, terms, 6, 11).replace(/[.?]$/, '').split(' ');
  for (let i = 0; i < 3; i++) headlineWords[random.int(headlineWords.length)] = capitalize(random.pick(terms));
  const headline = headlineWords.join(' ');
  const teaser = sentence(random, terms, 18, 30);
  const dateline = random.pick(PLACES);
  /** @type {any[]} */
  const content = [];
  let size = 0;
  while (size < bodyBytes) {
    let block;
    if (content.length === 3 && random.chance(0.4)) {
      block = {
        type: 'heading',
        attrs: { level: 2 },
        content: [{ type: 'text', text: capitalize(sentence(random, terms, 3, 6).replace(/[.?]$/, '')) }],
      };
    } else if (content.length === 5 && random.chance(0.3)) {
      block = { type: 'blockquote', content: [paragraph(random, terms)] };
    } else {
      block = paragraph(random, terms);
    }
    content.push(block);
    size += renderRichText({ type: 'doc', content: [block] }).length;
  }
  // An image after the first paragraph: an uploaded one keeps its alt text and credit in the media
  // row (the story JSON's `images` reads them there), an external one carries its own.
  if (imageSrc) {
    const uploaded = imageSrc.startsWith('/api/media/');
    content.splice(1, 0, {
      type: 'image',
      attrs: {
        src: imageSrc,
        alt: uploaded ? '' : `${capitalize(random.pick(terms))}, a photograph`,
        credit: uploaded ? '' : 'Agency Photo',
      },
    });
  }
  const doc = { type: 'doc', content };
  return { headline, teaser, dateline, terms, doc, bodyHtml: renderRichText(doc), bodyText: richTextToPlain(doc) };
}

/**
 * A broadcast transcript of `turnCount` turns: a host, the reporter (the story's first byline),
 * newsmakers (some with a title), now and then an unidentified speaker, and sound cues.
 * Returns the stored turns (as the transcript_turns table has them, with `rendered_label`),
 * the public turns, and the plain text for `stories.transcript_text`.
 * @param {Random} random
 * @param {{ turnCount: number, terms: string[], host: any, reporter: any, newsmakers: any[] }} cast people as TranscriptPerson
 */
export function transcript(random, { turnCount, terms, host, reporter, newsmakers }) {
  /** @type {any[]} */
  const turns = [];
  const spoken = new Set();
  const speak = (person, role, title) => {
    const first = !spoken.has(person.id);
    spoken.add(person.id);
    return {
      personId: person.id,
      unidentified: null,
      role: first ? role : null,
      title: first ? title : null,
      annotation: null,
      text: sentence(random, terms, 14, 40),
    };
  };
  const titles = newsmakers.map(() => (random.chance(0.4) ? random.pick(TITLES) : null));
  const unidentified = { descriptor: random.pick(UNIDENTIFIED), number: 1 };
  turns.push({ cue: random.pick(CUES) });
  turns.push(speak(host, 'HOST', null));
  while (turns.length < turnCount - 1) {
    const roll = random.next();
    if (roll < 0.06) turns.push({ cue: random.pick(CUES) });
    else if (roll < 0.12)
      turns.push({
        personId: null,
        unidentified,
        role: null,
        title: null,
        annotation: random.chance(0.5) ? random.pick(ANNOTATIONS) : null,
        text: sentence(random, terms, 8, 20),
      });
    else if (roll < 0.45) turns.push(speak(reporter, 'BYLINE', null));
    else if (roll < 0.55) turns.push(speak(host, 'HOST', null));
    else {
      const i = random.int(newsmakers.length);
      const turn = speak(newsmakers[i], null, titles[i]);
      if (random.chance(0.1)) turn.annotation = random.pick(ANNOTATIONS);
      turns.push(turn);
    }
  }
  turns.push(speak(host, 'HOST', null));
  const people = [host, reporter, ...newsmakers];
  const rendered = renderTranscript(turns, people);
  const byId = new Map(people.map((person) => [person.id, person]));
  return {
    rows: turns.map((turn, position) =>
      'cue' in turn
        ? { position, cue: rendered[position].cue }
        : {
            position,
            ...turn,
            label: rendered[position].label,
            renderedLabel: rendered[position].label,
            person: turn.personId ? byId.get(turn.personId) : null,
          },
    ),
    public: rendered,
    text: transcriptToText(rendered),
  };
}
