'use client';

import { useId, useState, type KeyboardEvent } from 'react';

interface Props {
  id: string;
  value: readonly string[];
  onChange: (value: string[]) => void;
  /** What one entry is, for the remove buttons' names ("Remove beat Russia"). */
  itemLabel: string;
  placeholder?: string;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
  maxLength?: number;
}

/** A list of short strings edited as chips: Enter or comma adds what is typed, × removes one. */
export function ChipsInput({ id, value, onChange, itemLabel, placeholder, disabled, describedBy, invalid, maxLength = 200 }: Props) {
  const [draft, setDraft] = useState('');
  const listId = useId();

  function add() {
    const text = draft.trim();
    if (text && !value.includes(text)) onChange([...value, text]);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="chips">
      {value.length ? (
        <ul className="chips-list" id={listId}>
          {value.map((item) => (
            <li key={item} className="chip">
              <span>{item}</span>
              {!disabled ? (
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${itemLabel} ${item}`}
                  onClick={() => onChange(value.filter((entry) => entry !== item))}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!disabled ? (
        <input
          id={id}
          value={draft}
          maxLength={maxLength}
          placeholder={placeholder}
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
      ) : (
        <input id={id} disabled value={value.length ? '' : 'None'} readOnly aria-describedby={describedBy} />
      )}
    </div>
  );
}
