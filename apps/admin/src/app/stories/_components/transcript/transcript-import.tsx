'use client';

import { readLabel, type ParseTranscriptResponse, type ParsedSpokenTurn, type TranscriptFormat } from '@newsdesk/contracts';
import { useId, useState } from 'react';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { SpeakerPicker } from './speaker-picker';
import { nameFromLabel, personSummary, timingOf, type TranscriptPersonForm, type TranscriptTurnForm } from './transcript-model';
import { TranscriptSource } from './transcript-source';

/** What the editor decided for a label nobody matched: a person, or print the label as it is. */
type Decision = { kind: 'person'; person: TranscriptPersonForm } | { kind: 'label' };

interface Review {
  result: ParseTranscriptResponse;
  people: Map<string, TranscriptPersonForm>;
}

interface Props {
  /** The saved story (speaker suggestions from its program's earlier mappings, its bylines, the program's hosts). */
  storyId?: string;
  hasTurns: boolean;
  credit: string;
  onApply: (turns: TranscriptTurnForm[], mode: 'replace' | 'append', credit: string | null) => void;
  onCancel: () => void;
}

const spoken = (turn: ParseTranscriptResponse['turns'][number]): turn is ParsedSpokenTurn => !('cue' in turn);

/**
 * Paste-to-import with a review step: the API reads the text (POST /api/transcripts/parse); the
 * editor then confirms or fixes every label nobody matched (a suggested person, another one found
 * by search, a person created on the spot, or the label printed as it is) before the turns go
 * into the form.
 */
export function TranscriptImport({ storyId, hasTurns, credit, onApply, onCancel }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [format, setFormat] = useState<TranscriptFormat>('text');
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});

  async function read() {
    if (!text.trim() || reading) return;
    setReading(true);
    setProblem(null);
    try {
      const result = await browserApi.call('transcripts.parse', { body: { text, format, ...(storyId ? { storyId } : {}) } });
      // The preview renders labels from each speaker's given and family names: fetch the matched people.
      const ids = [...new Set(result.turns.flatMap((turn) => (spoken(turn) && turn.personId ? [turn.personId] : [])))];
      const people = new Map(
        (await Promise.all(ids.map((personId) => browserApi.call('people.get', { params: { id: personId } })))).map((person) => [
          person.id,
          personSummary(person),
        ]),
      );
      setReview({ result, people });
      setDecisions({});
    } catch (caught) {
      if (isSessionEnd(caught)) return;
      setProblem(
        isApiError(caught)
          ? (caught.fieldErrors[0]?.message ?? caught.problem.detail ?? caught.problem.title)
          : 'The server could not be reached.',
      );
    } finally {
      setReading(false);
    }
  }

  function apply(mode: 'replace' | 'append') {
    if (!review) return;
    const personOf = new Map<number, Decision>();
    review.result.unresolved.forEach((entry, i) => {
      const decision = decisions[i];
      if (decision) for (const index of entry.turnIndexes) personOf.set(index, decision);
    });
    const turns = review.result.turns.map((turn, index): TranscriptTurnForm => {
      if (!spoken(turn)) return { kind: 'cue', cue: turn.cue, ...timingOf(turn) };
      const decision = personOf.get(index);
      const person = turn.personId ? (review.people.get(turn.personId) ?? null) : decision?.kind === 'person' ? decision.person : null;
      return {
        ...timingOf(turn),
        kind: 'spoken',
        person,
        unidentified: person ? '' : (turn.unidentified?.descriptor ?? ''),
        unidentifiedNumber: !person && turn.unidentified?.number ? String(turn.unidentified.number) : '',
        role: turn.role ?? '',
        title: turn.title ?? '',
        annotation: turn.annotation ?? '',
        text: turn.text,
        label: turn.label ?? '',
        // "Name (ph)" came back as unverified spelling spans (the "(ph)" is out of the text).
        ...(turn.spellings?.length ? { spellings: turn.spellings } : {}),
      };
    });
    onApply(turns, mode, review.result.credit);
  }

  if (!review) {
    return (
      <section className="transcript-import" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>Import a transcript</h3>
        <TranscriptSource
          format={format}
          onFormat={setFormat}
          onProblem={setProblem}
          onFile={(fileText, fileFormat) => {
            setText(fileText);
            setFormat(fileFormat);
          }}
        />
        <label htmlFor={`${id}-text`}>{format === 'text' ? 'Paste the transcript' : 'The file’s text'}</label>
        <textarea
          id={`${id}-text`}
          rows={10}
          className="input-mono"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={`${id}-hint`}
          placeholder={'LUCIAN KIM, BYLINE: …\n\nPRESIDENT DONALD TRUMP: …\n\nKIM: …'}
        />
        <p id={`${id}-hint`} className="field-hint">
          Labels in capitals ending with a colon start a turn (“KIM:”); paragraphs without one continue it; “(SOUNDBITE OF MUSIC)” is a cue;
          a trailing “Transcript provided by …” line becomes the credit. Caption and speech-to-text files keep their times; each diarized
          speaker (SPEAKER_00) is mapped once in the next step.
        </p>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="transcript-import-actions">
          <button type="button" className="button button-primary" onClick={read} disabled={reading || !text.trim()}>
            {reading ? 'Reading…' : 'Read transcript'}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </section>
    );
  }

  const { result, people } = review;
  const spokenTurns = result.turns.filter(spoken);
  const matched = [...people.values()];
  const toCheck = spokenTurns.filter((turn) => turn.personId && (turn.flags.includes('inferred') || turn.confidence < 0.85));
  const spellings = [...new Set(spokenTurns.flatMap((turn) => turn.unverifiedSpellings))];
  const unattributed = spokenTurns.filter((turn) => turn.label === null).length;
  const notATranscript = spokenTurns.some((turn) => turn.flags.includes('not-a-transcript'));
  const open = result.unresolved.filter((_, i) => !decisions[i]).length;

  return (
    <section className="transcript-import" aria-labelledby={`${id}-review`}>
      <h3 id={`${id}-review`}>Review the speakers</h3>
      <p>
        {result.turns.length} turn{result.turns.length === 1 ? '' : 's'} read; {matched.length} speaker{matched.length === 1 ? '' : 's'}{' '}
        matched in the registry
        {result.unresolved.length ? `, ${result.unresolved.length} to resolve` : ''}.
      </p>
      {notATranscript ? (
        <p className="banner banner-warning">
          No speaker labels were found: the text comes in as one turn without a speaker. Choose its speaker after importing.
        </p>
      ) : unattributed ? (
        <p className="banner banner-warning">
          {unattributed} turn{unattributed === 1 ? ' has' : 's have'} no label: choose a speaker after importing.
        </p>
      ) : null}

      {matched.length ? (
        <ul className="import-matched" aria-label="Matched speakers">
          {matched.map((person) => (
            <li key={person.id}>
              {person.displayName}
              {toCheck.some((turn) => turn.personId === person.id) ? (
                <span className="chip-type">check: matched on a weak clue</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      {result.unresolved.length ? (
        <ol className="import-unresolved" aria-label="Unresolved speakers">
          {result.unresolved.map((entry, i) => {
            const decision = decisions[i];
            const name = readLabel(entry.label)?.name ?? entry.label;
            const decide = (next: Decision | undefined) =>
              setDecisions((current) => {
                const copy = { ...current };
                if (next) copy[i] = next;
                else delete copy[i];
                return copy;
              });
            return (
              <li key={entry.label} className="import-label" aria-label={`Unresolved speaker ${entry.label}`}>
                <p>
                  <strong className="input-mono">{entry.label}</strong> — {entry.turnIndexes.length} turn
                  {entry.turnIndexes.length === 1 ? '' : 's'}
                  {decision ? (
                    <>
                      {' → '}
                      <strong>{decision.kind === 'person' ? decision.person.displayName : 'printed as it is'}</strong>{' '}
                      <button type="button" className="link-button" onClick={() => decide(undefined)}>
                        Change
                      </button>
                    </>
                  ) : (
                    <span className="muted">
                      {' '}
                      —{' '}
                      {entry.suggestions?.length
                        ? 'no exact match in the registry; a close spelling:'
                        : 'nobody in the registry has this name.'}
                    </span>
                  )}
                </p>
                {!decision ? (
                  <div className="import-choices">
                    {(entry.suggestions ?? []).map((suggestion) => (
                      <button
                        key={suggestion.id}
                        type="button"
                        className="chip chip-suggestion"
                        onClick={async () => {
                          try {
                            decide({
                              kind: 'person',
                              person: personSummary(await browserApi.call('people.get', { params: { id: suggestion.id } })),
                            });
                          } catch (caught) {
                            if (!isSessionEnd(caught)) setProblem('Could not load that person.');
                          }
                        }}
                      >
                        It is {suggestion.displayName}
                      </button>
                    ))}
                    <SpeakerPicker
                      subject={entry.label}
                      current="Choose or create a person"
                      recent={() => matched}
                      suggestedName={nameFromLabel(name)}
                      onPick={(person) => decide({ kind: 'person', person })}
                    />
                    <button type="button" className="button button-quiet button-small" onClick={() => decide({ kind: 'label' })}>
                      Print the label as it is
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}

      {spellings.length ? <p className="field-hint">Spellings marked (ph) to check: {spellings.join(', ')}.</p> : null}
      {result.credit ? (
        <p className="field-hint">
          Credit line: “{result.credit}”
          {credit && credit !== result.credit ? ' (replaces the story’s credit line)' : ' (goes into the Credit field)'}.
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}

      <div className="transcript-import-actions">
        {open ? (
          <p className="field-hint" id={`${id}-open`}>
            Resolve every speaker above first ({open} left).
          </p>
        ) : null}
        <button
          type="button"
          className="button button-primary"
          disabled={open > 0}
          aria-describedby={open ? `${id}-open` : undefined}
          onClick={() => apply('replace')}
        >
          {hasTurns ? 'Replace the transcript' : 'Use these turns'}
        </button>
        {hasTurns ? (
          <button type="button" className="button" disabled={open > 0} onClick={() => apply('append')}>
            Add after the existing turns
          </button>
        ) : null}
        <button type="button" className="button button-quiet" onClick={() => setReview(null)}>
          Back to the text
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
