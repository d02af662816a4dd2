import { Injectable } from '@nestjs/common';
import {
  candidateNames,
  editDistance,
  normalizeName,
  parseTranscript,
  readLabel,
  resolveTranscript,
  type ParseTranscriptResponse,
  type Person,
  type UnresolvedLabel,
} from '@newsdesk/contracts';
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

  async parse(text: string): Promise<ParseTranscriptResponse> {
    const parsed = parseTranscript(text);
    const candidates = await this.people.transcriptPeopleByNames(candidateNames(parsed.turns));
    const response = resolveTranscript(parsed, candidates);
    response.unresolved = await Promise.all(
      response.unresolved.map((entry, i) => (i < SUGGESTION_SEARCHES ? this.withSuggestions(entry) : entry)),
    );
    return response;
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
