'use client';

import type { NewsroomSettings, UnverifiedSpellingRule } from '@newsdesk/contracts';
import { useState } from 'react';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';

const RULES: Record<UnverifiedSpellingRule, string> = {
  render: 'Publish them, printing “(ph)” after each in public outputs',
  block: 'Block publishing while a story has any',
};

/** The newsroom's rule for unverified spellings: shown to all, changed by admins (versioned: a stale change is refused). */
export function SpellingRule({ settings: initial, canChange }: { settings: NewsroomSettings; canChange: boolean }) {
  const [settings, setSettings] = useState(initial);
  const [choice, setChoice] = useState<UnverifiedSpellingRule>(initial.unverifiedSpellings);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setMessage(null);
    try {
      const saved = await browserApi.call('settings.update', { body: { unverifiedSpellings: choice, version: settings.version } });
      setSettings(saved);
      setMessage('Saved.');
    } catch (error) {
      if (isSessionEnd(error)) return;
      setMessage(
        isApiError(error) && error.status === 409 ? 'Someone changed this rule meanwhile: reload the page.' : 'Could not save the rule.',
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="spelling-rule">
      <h2 id="spelling-rule">Newsroom rule for unverified spellings</h2>
      {canChange ? (
        <fieldset>
          <legend className="visually-hidden">When a transcript has unverified spellings</legend>
          {(Object.keys(RULES) as UnverifiedSpellingRule[]).map((rule) => (
            <label key={rule} className="checkbox-field">
              <input type="radio" name="unverified-spellings" value={rule} checked={choice === rule} onChange={() => setChoice(rule)} />{' '}
              {RULES[rule]}
            </label>
          ))}
          <button type="button" className="button" disabled={saving || choice === settings.unverifiedSpellings} onClick={() => void save()}>
            Save rule
          </button>
        </fieldset>
      ) : (
        <p>{RULES[settings.unverifiedSpellings]}.</p>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
