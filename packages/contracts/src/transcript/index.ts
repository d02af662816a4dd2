/**
 * Transcripts: schemas, the parser of pasted text, the speaker resolver and the broadcast-label
 * renderer. Pure (zod only, no I/O), shared by the API and the admin preview.
 *
 * The API's parse endpoint: `parseTranscript(text)` -> `candidateNames(parsed.turns)` (look
 * those people up) -> `resolveTranscript(parsed, people)`. The public story:
 * `renderTranscript(storedTurns, people)`; its `transcript.txt`: `renderTranscriptText(...)`.
 */
export * from './schemas.js';
export { editDistance, normalizeName } from './normalize.js';
export { readLabel, type LabelParts } from './label.js';
export { parseTranscript, type ParsedTranscriptText, type RawCueTurn, type RawSpokenTurn, type RawTurn } from './parse.js';
export { MATCH_CONFIDENCE, candidateNames, resolveSpeakers, resolveTranscript, type ResolvedTranscript } from './resolve.js';
export { TranscriptRenderError, renderTranscript, renderTranscriptText, transcriptToText, type RenderableTurn } from './render.js';
export { splitTimedTurn, mergeTimedTurns, editTimedText, timeAtOffset, type TimedText } from './timed.js';
export {
  TranscriptImportError,
  parseTimedTranscript,
  parseVtt,
  parseSrt,
  parseSttJson,
  segmentsToTurns,
  SEGMENTS_MAX,
  type TimedSegment,
  type TimedWord,
} from './captions.js';
export {
  exportCues,
  transcriptToHtml,
  transcriptToPodcastJson,
  transcriptToSrt,
  transcriptToVtt,
  untimedReason,
  type ExportCue,
  type ExportTurn,
  type PodcastJsonTranscript,
} from './export.js';
export {
  TRANSCRIPT_SPELLINGS_MAX,
  TranscriptSpellingInputSchema,
  TranscriptSpellingSchema,
  broadcastText,
  joinOverlaps,
  moveSpellings,
  spansFromPh,
  spellingProblems,
  splitSpellings,
  storedSpelling,
  unverify,
  withPhSpans,
  type SpanLike,
  type SpellingProblem,
  type TranscriptSpelling,
  type TranscriptSpellingInput,
} from './spellings.js';
export * from './desk.js';
