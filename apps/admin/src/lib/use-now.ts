'use client';

import { useSyncExternalStore } from 'react';

/** A clock shared by every component that reads it at the same interval, ticking while something shows it. */
interface Clock {
  now: number;
  subscribe(listener: () => void): () => void;
  read(): number;
}

const clocks = new Map<number, Clock>();

function clockOf(intervalMs: number): Clock {
  const known = clocks.get(intervalMs);
  if (known) return known;
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const made: Clock = {
    now: Date.now(),
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        made.now = Date.now();
        timer = setInterval(() => {
          made.now = Date.now();
          for (const notify of listeners) notify();
        }, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (!listeners.size && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    read: () => made.now,
  };
  clocks.set(intervalMs, made);
  return made;
}

/**
 * The current time in ms, updated every `intervalMs` (default a second; the live view's countdown
 * asks for 250 ms); null on the server and during hydration (nothing time-based is rendered there).
 */
export function useNow(intervalMs = 1000): number | null {
  const clock = clockOf(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.read, () => null);
}
