'use client';

import { KNOWN_TRANSCRIPT_ROLES } from '@newsdesk/contracts';
import { memo, type DragEvent, type KeyboardEvent } from 'react';
import { SpeakerPicker } from './speaker-picker';
import { TurnSpellings } from './turn-spellings';
import type { SpokenTurnForm, TranscriptPersonForm, TranscriptTurnForm } from './transcript-model';

/** Field errors of one turn, as react-hook-form holds them. */
export type TurnErrors = Partial<
  Record<'person' | 'unidentified' | 'unidentifiedNumber' | 'role' | 'title' | 'annotation' | 'text' | 'cue' | 'root', { message?: string }>
> & { message?: string };

export interface TurnActions {
  change: (index: number, turn: TranscriptTurnForm) => void;
  remove: (index: number) => void;
  move: (from: number, to: number, focusId?: string) => void;
  split: (index: number) => void;
  mergeWithPrevious: (index: number) => void;
  recent: (index: number) => TranscriptPersonForm[];
  drop: (from: number, to: number) => void;
  /** Plays the primary audio from the turn's start. */
  seek: (index: number) => void;
  /** Sets the turn's start to the current playback time (Alt+T). */
  stamp: (index: number) => void;
}

interface Props {
  index: number;
  count: number;
  turn: TranscriptTurnForm;
  /** The label the public will see (rendered live), without its colon. */
  label: string;
  previousIsSpoken: boolean;
  errors: TurnErrors | undefined;
  canWrite: boolean;
  actions: TurnActions;
  /** The primary audio is playing this turn (highlighted). */
  heard?: boolean;
  /** The primary audio can be played (times seek it; Alt+T stamps). */
  canPlay?: boolean;
}

/** The id of a turn's control, so focus can follow a turn when it moves: `turn-3-text`. */
export const turnControlId = (index: number, control: string) => `turn-${index}-${control}`;

function speakerName(turn: SpokenTurnForm): string {
  if (turn.person) return turn.person.displayName;
  if (turn.unidentified)
    return `Unidentified ${turn.unidentified.toLowerCase()}${turn.unidentifiedNumber ? ` #${turn.unidentifiedNumber}` : ''}`;
  if (turn.label) return `Not chosen (imported as “${turn.label}”)`;
  return 'Choose a speaker';
}

/** 83_456 ms -> "1:23.4" (minutes:seconds.tenths; hours when there are any). */
function clockOf(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = ((ms % 60_000) / 1000).toFixed(1).padStart(4, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** One turn of the transcript editor: speaker, role, title, annotation and text, or a cue; with its move/split/merge actions. */
export const TurnRow = memo(function TurnRow({
  index,
  count,
  turn,
  label,
  previousIsSpoken,
  errors,
  canWrite,
  actions,
  heard = false,
  canPlay = false,
}: Props) {
  const n = index + 1;
  const id = (control: string) => turnControlId(index, control);
  const error = (field: keyof TurnErrors) => (errors?.[field] as { message?: string } | undefined)?.message;
  const aria = (control: string, field: keyof TurnErrors) => ({
    id: id(control),
    'aria-invalid': error(field) ? true : undefined,
    'aria-describedby': error(field) ? id(`${control}-error`) : undefined,
  });
  const update = (patch: Partial<SpokenTurnForm>) => turn.kind === 'spoken' && actions.change(index, { ...turn, ...patch });

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (canWrite && canPlay && event.altKey && event.code === 'KeyT') {
      event.preventDefault();
      actions.stamp(index);
      return;
    }
    if (!canWrite || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
    if (to < 0 || to >= count) return;
    event.preventDefault();
    const control = (event.target as HTMLElement).id?.replace(/^turn-\d+-/, '') || 'text';
    actions.move(index, to, turnControlId(to, control));
  }

  const message = (control: string, field: keyof TurnErrors) =>
    error(field) ? (
      <p id={id(`${control}-error`)} className="field-error" role="alert">
        {error(field)}
      </p>
    ) : null;

  return (
    <li
      id={`turn-${index}`}
      className={`turn turn-${turn.kind}${errors ? ' turn-invalid' : ''}${heard ? ' turn-heard' : ''}`}
      aria-current={heard ? 'true' : undefined}
      aria-label={`Turn ${n}`}
      onKeyDown={onKeyDown}
      onDragOver={(event) => canWrite && event.dataTransfer.types.includes('application/x-newsdesk-turn') && event.preventDefault()}
      onDrop={(event: DragEvent<HTMLLIElement>) => {
        const from = Number(event.dataTransfer.getData('application/x-newsdesk-turn'));
        if (!canWrite || Number.isNaN(from)) return;
        event.preventDefault();
        actions.drop(from, index);
      }}
    >
      <div className="turn-head">
        {canWrite ? (
          <span
            className="turn-handle"
            draggable
            role="img"
            aria-label={`Drag turn ${n} to reorder`}
            title="Drag to reorder (or Alt+↑ / Alt+↓)"
            onDragStart={(event) => {
              event.dataTransfer.setData('application/x-newsdesk-turn', String(index));
              event.dataTransfer.effectAllowed = 'move';
            }}
          >
            ⠿
          </span>
        ) : null}
        <span className="turn-number">{n}</span>
        <span className="turn-label" aria-label={`Label of turn ${n}`}>
          {turn.kind === 'cue' ? `(${label})` : `${label}:`}
        </span>
        {typeof turn.startMs === 'number' && typeof turn.endMs === 'number' ? (
          canPlay ? (
            <button
              type="button"
              className="link-button turn-times"
              aria-label={`Times of turn ${n}`}
              title="Play from here"
              onClick={() => actions.seek(index)}
            >
              {clockOf(turn.startMs)}–{clockOf(turn.endMs)}
            </button>
          ) : (
            <span className="turn-times muted" aria-label={`Times of turn ${n}`}>
              {clockOf(turn.startMs)}–{clockOf(turn.endMs)}
            </span>
          )
        ) : null}
        {canWrite ? (
          <span className="turn-actions">
            <button
              type="button"
              className="toolbar-button"
              aria-label={`Move turn ${n} up`}
              disabled={index === 0}
              onClick={() => actions.move(index, index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="toolbar-button"
              aria-label={`Move turn ${n} down`}
              disabled={index === count - 1}
              onClick={() => actions.move(index, index + 1)}
            >
              ↓
            </button>
            {turn.kind === 'spoken' ? (
              <>
                <button
                  type="button"
                  className="toolbar-button"
                  aria-label={`Split turn ${n} at the cursor`}
                  onClick={() => actions.split(index)}
                >
                  Split
                </button>
                <button
                  type="button"
                  className="toolbar-button"
                  aria-label={`Merge turn ${n} with the previous turn`}
                  disabled={!previousIsSpoken}
                  onClick={() => actions.mergeWithPrevious(index)}
                >
                  Merge up
                </button>
              </>
            ) : null}
            <button
              type="button"
              className="toolbar-button turn-remove"
              aria-label={`Remove turn ${n}`}
              onClick={() => actions.remove(index)}
            >
              ×
            </button>
          </span>
        ) : null}
      </div>

      {turn.kind === 'cue' ? (
        <div className="turn-fields">
          <label htmlFor={id('cue')}>Cue of turn {n}</label>
          <input
            {...aria('cue', 'cue')}
            className="input-mono"
            autoComplete="off"
            placeholder="SOUNDBITE OF MUSIC"
            value={turn.cue}
            disabled={!canWrite}
            onChange={(event) => actions.change(index, { kind: 'cue', cue: event.target.value.toUpperCase() })}
          />
          {message('cue', 'cue')}
        </div>
      ) : (
        <div className="turn-fields">
          <div className="turn-speaker">
            <span className="label" id={id('speaker-label')}>
              Speaker
            </span>
            <SpeakerPicker
              buttonId={id('speaker')}
              subject={`turn ${n}`}
              current={speakerName(turn)}
              recent={() => actions.recent(index)}
              suggestedName=""
              disabled={!canWrite}
              invalid={Boolean(error('person'))}
              describedBy={error('person') ? id('speaker-error') : undefined}
              onPick={(person) => update({ person, unidentified: '', unidentifiedNumber: '' })}
              onUnidentified={(descriptor) => update({ person: null, unidentified: descriptor, unidentifiedNumber: '' })}
            />
            {message('speaker', 'person')}
            {turn.unidentified && !turn.person ? (
              <div className="turn-unidentified">
                <label htmlFor={id('unidentified-number')}>Number</label>
                <input
                  {...aria('unidentified-number', 'unidentifiedNumber')}
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="1"
                  value={turn.unidentifiedNumber}
                  disabled={!canWrite}
                  onChange={(event) => update({ unidentifiedNumber: event.target.value.trim() })}
                />
                {message('unidentified-number', 'unidentifiedNumber')}
              </div>
            ) : null}
          </div>
          <div className="turn-attributes">
            <div>
              <label htmlFor={id('role')}>Role</label>
              <input
                {...aria('role', 'role')}
                list="transcript-roles"
                autoComplete="off"
                placeholder={index === 0 ? 'e.g. BYLINE' : undefined}
                value={turn.role}
                disabled={!canWrite}
                onChange={(event) => update({ role: event.target.value.toUpperCase() })}
              />
              {message('role', 'role')}
            </div>
            <div>
              <label htmlFor={id('title')}>Title</label>
              <input
                {...aria('title', 'title')}
                autoComplete="off"
                placeholder={index === 0 ? 'e.g. PRESIDENT' : undefined}
                value={turn.title}
                disabled={!canWrite}
                onChange={(event) => update({ title: event.target.value.toUpperCase() })}
              />
              {message('title', 'title')}
            </div>
            <div>
              <label htmlFor={id('annotation')}>Annotation</label>
              <input
                {...aria('annotation', 'annotation')}
                autoComplete="off"
                placeholder={index === 0 ? 'e.g. Speaking Russian' : undefined}
                value={turn.annotation}
                disabled={!canWrite}
                onChange={(event) => update({ annotation: event.target.value })}
              />
              {message('annotation', 'annotation')}
            </div>
          </div>
          <div className="turn-text">
            <label htmlFor={id('text')}>Text of turn {n}</label>
            <textarea
              {...aria('text', 'text')}
              rows={Math.min(10, Math.max(2, Math.ceil(turn.text.length / 90) + turn.text.split('\n').length - 1))}
              value={turn.text}
              disabled={!canWrite}
              onChange={(event) => update({ text: event.target.value })}
            />
            {message('text', 'text')}
          </div>
          <TurnSpellings
            index={index}
            turn={turn}
            canWrite={canWrite}
            textId={id('text')}
            onChange={(next) => actions.change(index, next)}
          />
          {turn.label && (turn.person || turn.unidentified) && turn.label !== label ? (
            <p className="field-hint">Imported as “{turn.label}”.</p>
          ) : null}
        </div>
      )}
    </li>
  );
});

/** Suggestions for the role inputs. */
export function RoleOptions() {
  return (
    <datalist id="transcript-roles">
      {KNOWN_TRANSCRIPT_ROLES.map((role) => (
        <option key={role} value={role} />
      ))}
    </datalist>
  );
}

/**
 * A turn far from the viewport of a long transcript, drawn as text only (label and words, so the
 * page keeps its length and the browser's find still finds it). It becomes a full TurnRow when it
 * nears the viewport, is focused or clicked (`onWake`; transcript-section.tsx).
 */
export const IdleTurnRow = memo(function IdleTurnRow({
  index,
  turn,
  label,
  onWake,
}: {
  index: number;
  turn: TranscriptTurnForm;
  label: string;
  onWake: (index: number, focus: boolean) => void;
}) {
  return (
    <li
      id={`turn-${index}`}
      data-idle-turn={index}
      className={`turn turn-${turn.kind} turn-idle`}
      aria-label={`Turn ${index + 1}`}
      tabIndex={0}
      onFocus={() => onWake(index, true)}
      onPointerDown={() => onWake(index, true)}
    >
      <div className="turn-head">
        <span className="turn-number">{index + 1}</span>
        <span className="turn-label">{turn.kind === 'cue' ? `(${label})` : `${label}:`}</span>
      </div>
      {turn.kind === 'spoken' ? <p className="turn-idle-text">{turn.text}</p> : null}
    </li>
  );
});
