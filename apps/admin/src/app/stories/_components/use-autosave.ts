'use client';

import { useEffect, useEffectEvent, useRef } from 'react';

/** Drafts are saved this long after the last change. */
export const AUTOSAVE_DELAY = 3000;

/**
 * Runs `save` AUTOSAVE_DELAY after the last change reported by `subscribe` (react-hook-form's
 * form.subscribe), while `enabled`. When `save` answers 'busy' (another save or action is running)
 * it is tried again after the same delay.
 */
export function useAutosave(
  enabled: boolean,
  subscribe: (options: { formState: { values: true }; callback: () => void }) => () => void,
  save: () => Promise<'busy' | void>,
): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempt = useEffectEvent(() => save());
  useEffect(() => {
    if (!enabled) return;
    const fire = async () => {
      if ((await attempt()) === 'busy') timer.current = setTimeout(() => void fire(), AUTOSAVE_DELAY);
    };
    const unsubscribe = subscribe({
      formState: { values: true },
      callback: () => {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void fire(), AUTOSAVE_DELAY);
      },
    });
    return () => {
      clearTimeout(timer.current);
      unsubscribe();
    };
  }, [enabled, subscribe]);
}
