// Benchmark of the transcript parser on a 2-hour show (~600 turns, ~20,000 words).
// Target: parsing takes under 50 ms. Runs against the compiled package:
//   cd packages/contracts && npx tsc -p tsconfig.build.json && node scripts/bench-transcript.mjs
// Not a test on purpose (timed tests are flaky); run it by hand or in a perf job.
import { performance } from 'node:perf_hooks';
import { candidateNames, parseTranscript, resolveTranscript } from '../dist/transcript/index.js';

const TURNS = 600;
const WORDS = 20_000;
const RUNS = 50;

// Deterministic pseudo-random numbers (mulberry32), so every run parses the same text.
let seed = 20170123;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const VOCABULARY = (
  'the a and of to in that it is was for on with as at by from this but not they we you he she said ' +
  'Moscow Kremlin Washington coalition talks minister ministry defense bombers targets Syria Aleppo ' +
  'report reports officials "quote" — - U.S. NATO (LAUGHTER) 2017 morning evening listeners station ' +
  'program Petrenko (ph) interview question answer policy election economy weather traffic music'
).split(' ');

const people = [
  ['Steve', 'Inskeep', 'HOST'],
  ['Rachel', 'Martin', 'HOST'],
  ['Lucian', 'Kim', 'BYLINE'],
  ['Mary', 'Drob', 'BYLINE'],
  ['Viktor', 'Drob', null],
  ['Sergey', 'Lavrov', null],
  ['Amara', 'Okafor', null],
  ['Raj', 'Mehta', null],
  ['Élodie', 'Núñez', null],
  ['Ines', 'Park', null],
  ['Omar', 'Haddad', null],
  ['Yuki', 'Sato', null],
].map(([given, family, role], i) => ({
  id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  slug: `${given}-${family}`.toLowerCase(),
  displayName: `${given} ${family}`,
  givenName: given,
  familyName: family,
  aliases: [],
  role,
}));
const drobs = people.filter((p) => p.familyName === 'Drob').length;

function buildShow() {
  const introduced = new Set();
  const paragraphs = [];
  const wordsPerTurn = WORDS / TURNS;
  let words = 0;
  for (let i = 0; i < TURNS; i++) {
    if (i % 25 === 0) paragraphs.push(pick(['(SOUNDBITE OF MUSIC)', '(CROSSTALK)', '(SOUNDBITE OF ARCHIVED RECORDING)']));
    let label;
    if (random() < 0.05) label = `UNIDENTIFIED ${pick(['MAN', 'WOMAN'])} #${1 + Math.floor(random() * 2)}`;
    else {
      const p = pick(people);
      const shared = p.familyName === 'Drob' && drobs > 1;
      if (!introduced.has(p.id)) label = `${p.displayName.toUpperCase()}${p.role ? `, ${p.role}` : ''}`;
      else label = shared ? `${p.givenName[0]} ${p.familyName.toUpperCase()}` : p.familyName.toUpperCase();
      introduced.add(p.id);
    }
    const count = Math.max(3, Math.round(wordsPerTurn * (0.3 + random() * 1.4)));
    const text = Array.from({ length: count }, (_, k) => (k === 0 ? 'And' : pick(VOCABULARY))).join(' ');
    words += count;
    const annotation = random() < 0.03 ? '(Through interpreter) ' : '';
    // about a third of the turns run over two paragraphs
    const cut = random() < 0.33 ? text.indexOf(' ', text.length / 2) : -1;
    const body = cut > 0 ? `${text.slice(0, cut)}.\n\nAnd${text.slice(cut)}` : text;
    paragraphs.push(`${label}: ${annotation}${body}.`);
  }
  paragraphs.push('Transcript provided by NPR, Copyright NPR.');
  return { text: paragraphs.join('\n\n'), words };
}

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { min: sorted[0], median: at(0.5), p95: at(0.95) };
};
const time = (fn) => {
  for (let i = 0; i < 5; i++) fn(); // warm-up
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
};
const fmt = ({ min, median, p95 }) => `min ${min.toFixed(2)} ms, median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`;

const { text, words } = buildShow();
const parsed = parseTranscript(text);
const spoken = parsed.turns.filter((t) => t.kind === 'spoken').length;
console.log(
  `show: ${text.length.toLocaleString('en-US')} characters, ~${words.toLocaleString('en-US')} words, ${spoken} spoken turns + ${parsed.turns.length - spoken} cues, credit ${JSON.stringify(parsed.credit)}`,
);
if (spoken !== TURNS) throw new Error(`expected ${TURNS} spoken turns, parsed ${spoken}`);

const parse = time(() => parseTranscript(text));
console.log(`parseTranscript x${RUNS}: ${fmt(parse)}`);
const all = time(() => {
  const raw = parseTranscript(text);
  candidateNames(raw.turns);
  return resolveTranscript(raw, people);
});
console.log(`parse + candidateNames + resolve x${RUNS}: ${fmt(all)}`);
const unresolved = resolveTranscript(parseTranscript(text), people).unresolved;
if (unresolved.length) throw new Error(`unresolved labels: ${unresolved.map((u) => u.label).join(', ')}`);
console.log(parse.p95 < 50 ? 'OK: p95 under the 50 ms budget' : 'OVER the 50 ms budget');
process.exitCode = parse.p95 < 50 ? 0 : 1;
