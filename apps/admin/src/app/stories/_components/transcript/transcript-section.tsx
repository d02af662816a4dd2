'use client';

import { editTimedText, mergeTimedTurns, splitTimedTurn, type TimedText } from '@newsdesk/contracts';
import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { registerPendingEdits } from '../pending-edits';
import type { StoryFormInput, StoryFormValues } from '../story-form-model';
import { TranscriptImport } from './transcript-import';
import {
  emptyCueTurn,
  emptySpokenTurn,
  moveTurn,
  previewTranscript,
  recentSpeakers,
  type SpokenTurnForm,
  type TranscriptTurnForm,
} from './transcript-model';
import { TranscriptPlayer, turnAt } from './transcript-player';
import { TranscriptPreview } from './transcript-preview';
import { IdleTurnRow, RoleOptions, TurnRow, turnControlId, type TurnActions, type TurnErrors } from './turn-row';
import './transcript.css';

interface Props {
  form: UseFormReturn<StoryFormInput, unknown, StoryFormValues>;
  canWrite: boolean;
  /** Bumped when the form is replaced from outside (reload, restore). */
  resetKey: number;
  /** The saved story's id (none for a new story): imports then get speaker suggestions from its program and bylines. */
  storyId?: string;
}

/**
 * Typing (one typed field of a turn changed) reaches the form, and so the dirty state, autosave and
 * presence, this long after the last keystroke; any other change at once (see `typedOnly`).
 */
const SYNC_DELAY_MS = 300;

/**
 * A 2-hour transcript has 600+ turns, each a dozen controls (issue #16: opening the editor). The
 * first FIRST_ROWS turns are full rows; the others are drawn as text (IdleTurnRow) until they come
 * within WAKE_MARGIN of the viewport, are focused or clicked, or something needs their controls (a
 * link to the turn, focus moved there by Alt+↓, the audio playing it, an error on it). A turn once
 * woken stays a full row.
 */
const FIRST_ROWS = 40;
const WAKE_MARGIN = '1200px 0px';

/** Equal field values: the same string, number or null, or the same small object (person, marks, spellings) by content. */
const sameField = (x: unknown, y: unknown) =>
  x === y || (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && JSON.stringify(x) === JSON.stringify(y));
/** The same turns (by identity, else field by field): the form's copy of what this editor holds. */
const sameTurns = (a: readonly TranscriptTurnForm[], b: readonly TranscriptTurnForm[]) =>
  a.length === b.length &&
  a.every((turn, i) => {
    const other = b[i] as Record<string, unknown> | undefined;
    if (turn === other) return true;
    const keys = Object.keys(turn);
    return (
      !!other && keys.length === Object.keys(other).length && keys.every((k) => sameField((turn as Record<string, unknown>)[k], other[k]))
    );
  });

/** The fields someone types into: a change of one of them alone is typing. */
const TYPED_FIELDS = new Set(['text', 'role', 'title', 'annotation', 'cue']);
/** Whether `after` differs from `before` in one typed field only (a keystroke, not an action). */
const typedOnly = (before: TranscriptTurnForm | undefined, after: TranscriptTurnForm) => {
  if (!before) return false;
  const changed = Object.keys({ ...before, ...after }).filter(
    (key) => (before as Record<string, unknown>)[key] !== (after as Record<string, unknown>)[key],
  );
  return changed.length === 1 && TYPED_FIELDS.has(changed[0] as string);
};

/** The form's turns as the contracts' timed edit rules take them (a cue has no text). */
const asTimed = (list: readonly TranscriptTurnForm[]) =>
  list.map((turn) => (turn.kind === 'cue' ? { ...turn, text: '' } : turn)) as Array<TranscriptTurnForm & TimedText>;

/**
 * The story's transcript editor: import from pasted text (with a review of the speakers), then one
 * row per turn (speaker, role, title, annotation, text; or a cue) that can be added, split at the
 * cursor, merged with the previous turn, reordered by keyboard (Alt+↑/↓) or drag, with each
 * turn's broadcast label rendered live by the contracts renderer the API uses. Saved with the
 * story (its `transcript`, on the story's version).
 */
export function TranscriptSection({ form, canWrite, resetKey, storyId }: Props) {
  const { control, setValue, getValues, formState } = form;
  // One form field (react-hook-form then copies and compares the list once per write, not once per turn and field).
  useState(() => form.register('transcript'));
  const watchedTurns = useWatch({ control, name: 'transcript' });
  // The editor's own copy of the turns (issue #16, 600-turn transcripts): a keystroke replaces one
  // turn here and re-renders that row only; the form gets the list SYNC_DELAY_MS after the last
  // keystroke, at once on leaving the transcript and with any other action, and before anything
  // reads the form's values (a save, autosave, a save's answer adopted: pending-edits.ts).
  const [turns, setTurns] = useState(() => (getValues('transcript') ?? []) as TranscriptTurnForm[]);
  const local = useRef(turns);
  const unsynced = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (!unsynced.current) return;
    unsynced.current = false;
    setValue('transcript', local.current, { shouldDirty: true, shouldValidate: Boolean(form.formState.errors.transcript) });
  }, [setValue, form]);
  // The form's list changed (a sync of ours, a reload, a restore, a save adopted): edits not yet
  // synced win (they are newer than anything the form has); else a different list replaces ours.
  useEffect(() => {
    const external = (watchedTurns ?? []) as TranscriptTurnForm[];
    if (external === local.current) return;
    if (unsynced.current) return flush();
    if (!sameTurns(external, local.current)) {
      local.current = external;
      setTurns(external);
    }
  }, [watchedTurns, flush]);
  // Whatever reads the form to save or keep it writes our pending edits into it first.
  useEffect(() => {
    const unregister = registerPendingEdits(control, flush);
    return () => {
      unregister();
      flush();
    };
  }, [control, flush]);
  // Labels and the broadcast preview follow at a lower priority than the keystroke that changed them.
  const deferredTurns = useDeferredValue(turns);
  const credit = useWatch({ control, name: 'credit' }) ?? '';
  // The primary audio (first of the list), when it can be played: the editor reads and stamps along with it.
  const primary = (useWatch({ control, name: 'audio' }) ?? [])[0];
  const audioRef = useRef<HTMLAudioElement>(null);
  // The asset's own duration (what the API checks times against); the player's may differ by an encoder's padding.
  const durationRef = useRef<number | null>(null);
  const primaryDuration = primary?.asset.durationSeconds ?? null;
  useEffect(() => {
    durationRef.current = primaryDuration;
  }, [primaryDuration]);
  const [playbackMs, setPlaybackMs] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const errors = formState.errors.transcript as unknown as
    ((TurnErrors | undefined)[] & { message?: string; root?: { message?: string } }) | undefined;

  const rendered = useMemo(() => {
    try {
      return previewTranscript(deferredTurns);
    } catch {
      return null;
    }
  }, [deferredTurns]);

  // Turns past FIRST_ROWS drawn in full (see FIRST_ROWS).
  const [awake, setAwake] = useState<ReadonlySet<number>>(() => new Set());
  const wake = useCallback((indexes: readonly number[]) => {
    setAwake((current) => {
      const missing = indexes.filter((i) => i >= FIRST_ROWS && !current.has(i));
      return missing.length ? new Set([...current, ...missing]) : current;
    });
  }, []);
  const isAwake = useCallback((index: number) => index < FIRST_ROWS || awake.has(index), [awake]);
  const onWake = useCallback(
    (index: number, focus: boolean) => {
      wake([index]);
      if (focus) setFocusId(turnControlId(index, 'text'));
    },
    [wake],
  );
  // Idle turns wake as they near the viewport.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const idle = list.current?.querySelectorAll<HTMLElement>('[data-idle-turn]');
    if (!idle?.length) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const near = entries.filter((entry) => entry.isIntersecting).map((entry) => Number((entry.target as HTMLElement).dataset.idleTurn));
        if (near.length) startTransition(() => wake(near));
      },
      { rootMargin: WAKE_MARGIN },
    );
    idle.forEach((row) => observer.observe(row));
    return () => observer.disconnect();
  }, [turns.length, awake, wake]);

  // The broadcast preview (a paragraph per turn) comes after the page is interactive.
  const [previewShown, setPreviewShown] = useState(false);
  useEffect(() => startTransition(() => setPreviewShown(true)), []);

  useEffect(() => {
    if (!focusId) return;
    const target = document.getElementById(focusId);
    const index = Number(/^turn-(\d+)-/.exec(focusId)?.[1] ?? Number.NaN);
    if (!target && !Number.isNaN(index) && !isAwake(index)) return wake([index]);
    target?.focus();
    setFocusId(null);
  }, [focusId, turns, isAwake, wake]);

  useEffect(() => setImporting(false), [resetKey]);

  // A link to a turn (the "(ph)" desk's: /stories/{id}#turn-N) scrolls to it and puts the caret in its text.
  const linkedTurn = useRef(false);
  useEffect(() => {
    if (linkedTurn.current || !turns.length) return;
    const match = /^#turn-(\d+)$/.exec(window.location.hash);
    if (!match) return;
    const index = Number(match[1]);
    if (index < turns.length && !isAwake(index)) return wake([index]);
    linkedTurn.current = true;
    const row = document.getElementById(`turn-${index}`);
    row?.scrollIntoView({ block: 'center' });
    document.getElementById(turnControlId(index, 'text'))?.focus({ preventScroll: true });
  }, [turns.length, isAwake, wake]);

  // Handlers read the latest turns through a ref, so the rows (memoised) keep the same callbacks.
  const actions = useMemo<TurnActions>(() => {
    const current = () => local.current;
    /** Typing reaches the form at the next pause (SYNC_DELAY_MS); everything else (a spelling, a speaker, a move…) at once. */
    const write = (next: TranscriptTurnForm[], later = false) => {
      setMessage(null);
      local.current = next;
      setTurns(next);
      unsynced.current = true;
      clearTimeout(timer.current);
      if (later) timer.current = setTimeout(flush, SYNC_DELAY_MS);
      else flush();
    };
    return {
      change: (index, turn) =>
        write(
          current().map((entry, i) => {
            if (i !== index) return entry;
            // A text edit keeps the turn's times; its sentence marks and spelling spans follow the text (contracts' editTimedText).
            const moved =
              entry.kind === 'spoken' &&
              turn.kind === 'spoken' &&
              entry.text !== turn.text &&
              (entry.marks?.length || entry.spellings?.length)
                ? (editTimedText([entry], 0, turn.text)[0] as SpokenTurnForm | undefined)
                : undefined;
            // Only what the row left as it was moves (a spelling correction sets its own spans and marks).
            const edited: TranscriptTurnForm =
              moved && entry.kind === 'spoken' && turn.kind === 'spoken'
                ? {
                    ...turn,
                    ...(entry.marks?.length && turn.marks === entry.marks ? { marks: moved.marks ?? null } : {}),
                    ...(entry.spellings?.length && turn.spellings === entry.spellings ? { spellings: moved.spellings ?? null } : {}),
                  }
                : turn;
            return withFirstReferenceDefaults(current(), index, entry, edited);
          }),
          typedOnly(current()[index], turn),
        ),
      remove: (index) => {
        const list = current();
        write(list.filter((_, i) => i !== index));
        setFocusId(list.length > 1 ? turnControlId(Math.min(index, list.length - 2), 'text') : 'transcript-add');
      },
      move: (from, to, focus) => {
        write(moveTurn(current(), from, to));
        setFocusId(focus ?? null);
      },
      drop: (from, to) => from !== to && write(moveTurn(current(), from, to)),
      split: (index) => {
        const list = current();
        const turn = list[index];
        if (!turn || turn.kind !== 'spoken') return;
        const area = document.getElementById(turnControlId(index, 'text')) as HTMLTextAreaElement | null;
        const at = area ? area.selectionStart : turn.text.length;
        // Times split at the nearest sentence mark, else by characters (contracts' splitTimedTurn).
        const split = splitTimedTurn(asTimed(list), index, at);
        const first = split[index] as SpokenTurnForm;
        const rest: SpokenTurnForm = { ...(split[index + 1] as SpokenTurnForm), role: '', title: '', annotation: '', label: '' };
        write([...list.slice(0, index), first, rest, ...list.slice(index + 1)]);
        setFocusId(turnControlId(index + 1, 'text'));
      },
      mergeWithPrevious: (index) => {
        const list = current();
        const [previous, turn] = [list[index - 1], list[index]];
        if (!previous || previous.kind !== 'spoken' || !turn || turn.kind !== 'spoken') return;
        // Outer times, a sentence mark at the join (contracts' mergeTimedTurns).
        const merged = mergeTimedTurns(
          asTimed([
            { ...previous, text: previous.text.trim() },
            { ...turn, text: turn.text.trim() },
          ]),
          0,
          '\n\n',
        )[0];
        write([...list.slice(0, index - 1), merged as SpokenTurnForm, ...list.slice(index + 1)]);
        setFocusId(turnControlId(index - 1, 'text'));
      },
      recent: (index) => recentSpeakers(current(), index),
      seek: (index) => {
        const turn = current()[index];
        const audio = audioRef.current;
        if (!audio || !turn || typeof turn.startMs !== 'number') return;
        audio.currentTime = turn.startMs / 1000;
        void audio.play().catch(() => undefined);
      },
      stamp: (index) => {
        const audio = audioRef.current;
        const list = current();
        const turn = list[index];
        if (!audio || !turn) return;
        write(
          list.map((entry, i) =>
            i === index ? stampedAt(list, index, Math.round(audio.currentTime * 1000), durationRef.current ?? audio.duration) : entry,
          ),
        );
      },
    };
  }, [flush]);

  function add(kind: 'spoken' | 'cue') {
    flush();
    const list = local.current;
    // A new spoken turn goes to the speaker before the last one (an interview's back and forth).
    const speakers = recentSpeakers(list, list.length);
    const next = kind === 'cue' ? emptyCueTurn() : emptySpokenTurn(speakers[1] ?? null);
    setValue('transcript', [...list, next], { shouldDirty: true });
    setFocusId(turnControlId(list.length, kind === 'cue' ? 'cue' : 'text'));
  }

  function applyImport(imported: TranscriptTurnForm[], mode: 'replace' | 'append', importedCredit: string | null) {
    flush();
    const list = local.current;
    setValue('transcript', mode === 'replace' ? imported : [...list, ...imported], { shouldDirty: true, shouldValidate: true });
    if (importedCredit) setValue('credit', importedCredit, { shouldDirty: true });
    setImporting(false);
    setMessage(`Imported ${imported.length} turn${imported.length === 1 ? '' : 's'}. Save the story to keep them.`);
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  const listError = errors?.message ?? errors?.root?.message;
  const hasTimes = turns.some((turn) => typeof turn.startMs === 'number');
  const player = primary?.asset.playable ? primary : null;
  const heard = player && playbackMs !== null ? turnAt(turns, playbackMs) : null;
  // The turn the audio is playing, and turns with errors, are full rows (and stay so).
  useEffect(() => {
    const needed = (errors ?? []).flatMap((error, index) => (error ? [index] : []));
    if (heard !== null) needed.push(heard);
    if (needed.some((index) => !isAwake(index))) wake(needed);
  }, [errors, heard, isAwake, wake]);

  return (
    <section className="panel transcript-editor" aria-labelledby="transcript-title" onBlur={flush}>
      <div className="transcript-header">
        <h2 id="transcript-title" ref={headingRef} tabIndex={-1}>
          Transcript
        </h2>
        <p className="muted">{turns.length ? `${turns.length} turn${turns.length === 1 ? '' : 's'}` : 'No transcript yet.'}</p>
        {canWrite && !importing ? (
          <button type="button" className="button" onClick={() => setImporting(true)}>
            Import from text
          </button>
        ) : null}
      </div>
      <p role="status" className="transcript-message">
        {message}
      </p>

      {importing ? (
        <TranscriptImport
          storyId={storyId}
          hasTurns={turns.length > 0}
          credit={credit}
          onApply={applyImport}
          onCancel={() => setImporting(false)}
        />
      ) : null}

      {player ? (
        <TranscriptPlayer assetId={player.assetId} title={player.title || player.asset.title} audioRef={audioRef} onTime={setPlaybackMs} />
      ) : null}
      {player && !hasTimes ? (
        <p className="field-hint">Import a timed file, or stamp turns with Alt+T while the audio plays, to follow it here.</p>
      ) : null}

      {listError ? (
        <p className="field-error" role="alert">
          {listError}
        </p>
      ) : null}
      {turns.length ? (
        <ol className="turns" aria-label="Transcript turns" ref={list}>
          {turns.map((turn, index) => {
            const shown = rendered?.[index];
            const label = !shown ? '…' : 'cue' in shown ? shown.cue : shown.label;
            if (!isAwake(index)) return <IdleTurnRow key={index} index={index} turn={turn} label={label} onWake={onWake} />;
            return (
              <TurnRow
                key={index}
                index={index}
                count={turns.length}
                turn={turn}
                label={label}
                previousIsSpoken={turns[index - 1]?.kind === 'spoken'}
                errors={errors?.[index]}
                canWrite={canWrite}
                actions={actions}
                heard={heard === index}
                canPlay={Boolean(player)}
              />
            );
          })}
        </ol>
      ) : null}
      {canWrite ? (
        <div className="transcript-add">
          <button id="transcript-add" type="button" className="button" onClick={() => add('spoken')}>
            Add turn
          </button>
          <button type="button" className="button button-quiet" onClick={() => add('cue')}>
            Add cue
          </button>
          <p className="field-hint">Alt+↑ / Alt+↓ moves the turn you are in; drag a turn by its handle.</p>
        </div>
      ) : null}
      <RoleOptions />
      {turns.length && rendered && previewShown ? <TranscriptPreview turns={rendered} credit={credit} /> : null}
    </section>
  );
}

/**
 * The turn with its start set to `ms` (the stamp shortcut): an untimed turn ends at the next timed
 * turn's start or the audio's end; a turn that ended before `ms` too; marks outside its new times
 * are dropped (contracts' timing rules: both times, start < end).
 */
function stampedAt(list: readonly TranscriptTurnForm[], index: number, ms: number, durationSeconds: number): TranscriptTurnForm {
  const turn = list[index] as TranscriptTurnForm;
  const audioEnd = Number.isFinite(durationSeconds) && durationSeconds > 0 ? Math.floor(durationSeconds * 1000) : ms + 1000;
  const nextStart = list.slice(index + 1).find((t) => typeof t.startMs === 'number' && (t.startMs as number) > ms)?.startMs ?? null;
  const startMs = Math.min(ms, Math.max(0, audioEnd - 1));
  const endMs = typeof turn.endMs === 'number' && turn.endMs > startMs ? turn.endMs : Math.max(startMs + 1, nextStart ?? audioEnd);
  const marks = (turn.marks ?? []).filter((m) => m.ms >= startMs && m.ms <= endMs);
  return { ...turn, startMs, endMs, marks: marks.length ? marks : null };
}

/**
 * A speaker chosen for their first turn in the story gets the defaults of a first reference:
 * BYLINE for staff, their usual title for a newsmaker (the editor can change either).
 */
function withFirstReferenceDefaults(
  list: TranscriptTurnForm[],
  index: number,
  before: TranscriptTurnForm,
  after: TranscriptTurnForm,
): TranscriptTurnForm {
  if (after.kind !== 'spoken' || before.kind !== 'spoken' || !after.person || after.person.id === before.person?.id) return after;
  const person = after.person;
  const spokeBefore = list.slice(0, index).some((turn) => turn.kind === 'spoken' && turn.person?.id === person.id);
  if (spokeBefore) return after;
  return {
    ...after,
    role: after.role || (person.isStaff ? 'BYLINE' : ''),
    title: after.title || (!person.isStaff && person.labelTitle ? person.labelTitle : ''),
  };
}
