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
  type TranscriptSpeaker,
  type UnresolvedLabel,
} from '@newsdesk/contracts';
import { ValidationError } from '../common/errors.js';
import { PeopleService } from '../people/people.service.js';
import { TranscriptsRepository } from './transcripts.repository.js';

/** Unresolved labels that get a registry search for suggestions (the rest keep the resolver's). */
const SUGGESTION_SEARCHES = 20;
const SUGGESTIONS = 5;

interface StoryContext {
  programId: string | null;
  bylines: TranscriptSpeaker[];
  hosts: TranscriptSpeaker[];
}

/**
 * Import of pasted transcripts: the contracts' parser reads the text, the registry is asked for
 * the names its labels could mean (`candidateNames` -> one indexed lookup), and the resolver
 * matches each label to a person. Text that is not a transcript comes back as the contract
 * decides: one unattributed turn flagged 'not-a-transcript' (the editor assigns a speaker).
 */
@Injectable()
export class TranscriptsService {
  constructor(
    private readonly people: PeopleService,
    private readonly turns: TranscriptsRepository,
  ) {}

  /**
   * `format` 'text' is a paste; 'vtt', 'srt' and 'stt-json' are timed files (contracts' captions.ts),
   * whose speakers are resolved the same way (a diarized SPEAKER_00 comes back unresolved, for the
   * editor to map once). A file that cannot be read is a 400 naming `text` and the line or JSON path.
   */
  async parse(text: string, format: TranscriptFormat = 'text', storyId?: string): Promise<ParseTranscriptResponse> {
    const context = storyId ? await this.storyContext(storyId) : null;
    const parsed = format === 'text' ? parseTranscript(text) : this.readFile(text, format);
    const candidates = await this.people.transcriptPeopleByNames(candidateNames(parsed.turns));
    const response = resolveTranscript(parsed, candidates);
    // "Name (ph)" becomes an unverified spelling span over the name (contracts' spellings.ts).
    response.turns = response.turns.map((turn) => (isCueTurn(turn) ? turn : withPhSpans(turn)));
    response.unresolved = await Promise.all(
      response.unresolved.map((entry, i) => (i < SUGGESTION_SEARCHES ? this.withSuggestions(entry) : entry)),
    );
    if (context) response.unresolved = await this.withStoryContext(response.unresolved, context);
    return response;
  }

  /** The story's program, the people of its bylines and the program's hosts (names matched to the registry); 400 naming storyId when there is no such story. */
  private async storyContext(storyId: string): Promise<StoryContext> {
    const row = await this.turns.storyContext(storyId);
    if (!row) throw new ValidationError([{ field: 'storyId', message: `No story with the id ${storyId}` }]);
    const hosts = row.hosts.length ? await this.people.transcriptPeopleByNames(row.hosts.map(normalizeName)) : [];
    const bylines = await this.speakers(row.byline_people);
    return { programId: row.program_id, bylines, hosts: hosts.map((p) => ({ id: p.id, slug: p.slug, displayName: p.displayName })) };
  }

  private async speakers(ids: string[]): Promise<TranscriptSpeaker[]> {
    if (!ids.length) return [];
    const found = new Map(
      (await this.turns.speakers(ids, false)).map((row) => [row.id, { id: row.id, slug: row.slug, displayName: row.display_name }]),
    );
    return ids.flatMap((id) => (found.has(id) ? [found.get(id) as TranscriptSpeaker] : []));
  }

  /**
   * Each unresolved label's suggestions, in order: the people this program's editors mapped the
   * same label to before (most recent first), the registry's close spellings, the story's bylines,
   * the program's hosts; each person once, at most SUGGESTIONS.
   */
  private async withStoryContext(unresolved: UnresolvedLabel[], context: StoryContext): Promise<UnresolvedLabel[]> {
    const labels = unresolved.map((entry) => entry.label.trim().toUpperCase());
    const remembered = context.programId && labels.length ? await this.turns.memory(context.programId, labels) : [];
    const people = new Map((await this.speakers([...new Set(remembered.map((m) => m.person_id))])).map((p) => [p.id, p]));
    return unresolved.map((entry, i) => {
      const fromMemory = remembered
        .filter((m) => m.label === labels[i])
        .flatMap((m) => (people.has(m.person_id) ? [people.get(m.person_id) as TranscriptSpeaker] : []));
      const seen = new Set<string>();
      const suggestions = [...fromMemory, ...(entry.suggestions ?? []), ...context.bylines, ...context.hosts].filter(
        (person) => !seen.has(person.id) && Boolean(seen.add(person.id)),
      );
      return { ...entry, suggestions: suggestions.slice(0, SUGGESTIONS) };
    });
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
