import { Injectable } from '@nestjs/common';
import {
  candidateNames,
  editDistance,
  normalizeName,
  parseTimedTranscript,
  parseTranscript,
  readLabel,
  TranscriptImportError,
  resolveTranscript,
  withPhSpans,
  isCueTurn,
  type ParseTranscriptResponse,
  type TranscriptFormat,
  type Person,
  type UnresolvedLabel,
} from '@newsdesk/contracts';
import { ValidationError } from '../common/errors.js';
import { PeopleService } from '../people/people.service.js';

/** Unresolved labels that get a registry search for suggestions (the rest keep the resolver's). */
const SUGGESTION_SEARCHES = 20;
const SUGGESTIONS = 5;

/**
 * Import of pasted transcripts: the contracts' parser reads the text, the registry is asked for
 * the names its labels could mean (`candidateNames` -> one indexed lookup), and the resolver
 * matches each label to a person. Text that is not a transcript comes back as the contract
 * decides: one unattributed turn flagged 'not-a-transcript' (the editor assigns a speaker).
 */
@Injectable()
export class TranscriptsService {
  constructor(private readonly people: PeopleService) {}

  /**
   * `format` 'text' is a paste; 'vtt', 'srt' and 'stt-json' are timed files (contracts' captions.ts),
   * whose speakers are resolved the same way (a diarized SPEAKER_00 comes back unresolved, for the
   * editor to map once). A file that cannot be read is a 400 naming `text` and the line or JSON path.
   */
  async parse(text: string, format: TranscriptFormat = 'text'): Promise<ParseTranscriptResponse> {
    const parsed = format === 'text' ? parseTranscript(text) : this.readFile(text, format);
    const candidates = await this.people.transcriptPeopleByNames(candidateNames(parsed.turns));
    const response = resolveTranscript(parsed, candidates);
    // "Name (ph)" becomes an unverified spelling span over the name (contracts' spellings.ts).
    response.turns = response.turns.map((turn) => (isCueTurn(turn) ? turn : withPhSpans(turn)));
    response.unresolved = await Promise.all(
      response.unresolved.map((entry, i) => (i < SUGGESTION_SEARCHES ? this.withSuggestions(entry) : entry)),
    );
    return response;
  }

  private readFile(text: string, format: Exclude<TranscriptFormat, 'text'>) {
    try {
      return parseTimedTranscript(text, format);
    } catch (error) {
      if (!(error instanceof TranscriptImportError)) throw error;
      throw new ValidationError([{ field: 'text', message: error.message }], `The ${format} file could not be read.`);
    }
  }

  /**
   * A label nobody matched by name may still be a registry person spelled differently ("SERGEI
   * LAVROFF"): a prefix search on the start of its family name, kept when the spelling is close.
   */
  private async withSuggestions(entry: UnresolvedLabel): Promise<UnresolvedLabel> {
    if (entry.suggestions?.length) return entry;
    const name = readLabel(entry.label)?.name;
    const words = name ? normalizeName(name).split(' ') : [];
    const family = words.at(-1) ?? '';
    if (family.length < 3) return entry;
    const found = await this.people.search(family.slice(0, 3), SUGGESTIONS * 4);
    const close = (person: Person) => {
      const folded = normalizeName(person.familyName);
      return editDistance(folded, family, 2) <= 2 || editDistance(normalizeName(person.displayName), words.join(' '), 3) <= 3;
    };
    const suggestions = found
      .filter(close)
      .slice(0, SUGGESTIONS)
      .map((p) => ({ id: p.id, slug: p.slug, displayName: p.displayName }));
    return { ...entry, suggestions };
  }
}
