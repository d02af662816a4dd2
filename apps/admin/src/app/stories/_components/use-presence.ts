'use client';

import { ENDPOINTS, PresenceSnapshotSchema, type PresenceSnapshot, type StoryLock } from '@newsdesk/contracts';
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { browserApi, buildPath, isApiError, queryString } from '@/lib/api';
import { flushPendingEdits } from './pending-edits';
import { sectionOf } from './presence-model';
import type { StoryFormInput, StoryFormValues } from './story-form-model';
import { keepUnsavedEdits } from './unsaved-edits';

/** At most one presence update per this long (a trailing one carries the latest state). */
export const PRESENCE_THROTTLE_MS = 2000;
/** Typing ends this long after the last keystroke. */
const TYPING_IDLE_MS = 4000;

interface Options {
  storyId: string | undefined;
  userId: string;
  canWrite: boolean;
  form: UseFormReturn<StoryFormInput, unknown, StoryFormValues>;
  /** The editor's element: focus and keystrokes in it say which section this tab is in. */
  root: RefObject<HTMLElement | null>;
}

/**
 * Presence and the soft lock for one open story (docs/presence.md): the story's viewers and lock,
 * live over Server-Sent Events (the API's presence stream through the admin's /api proxy); this
 * tab's section and typing sent at most every PRESENCE_THROTTLE_MS; the lock taken at the first
 * change and released once the form is saved. When another tab takes the lock over, this tab's
 * unsaved edits are kept (unsaved-edits.ts) and offered back after a reload.
 */
export function usePresence({ storyId, userId, canWrite, form, root }: Options) {
  const [tabId] = useState(() => crypto.randomUUID());
  const [snapshot, setSnapshot] = useState<PresenceSnapshot | null>(null);
  /** Set when another tab took the lock from this one. */
  const [lostTo, setLostTo] = useState<StoryLock | null>(null);
  const holding = useRef(false);
  const acquiring = useRef(false);

  const onSnapshot = useEffectEvent((next: PresenceSnapshot) => {
    const mine = next.lock?.tabId === tabId;
    if (holding.current && next.lock && !mine) {
      flushPendingEdits(form.control);
      if (form.formState.isDirty) keepUnsavedEdits<StoryFormInput>(storyId, userId, form.getValues(), 'lock');
      setLostTo(next.lock);
    }
    holding.current = mine;
    setSnapshot(next);
    // Our lock went (the stream reconnected through another process, say) while edits are pending: take it again.
    if (!next.lock && !lostTo && form.formState.isDirty) void acquire();
  });

  useEffect(() => {
    if (!storyId) return;
    const url = buildPath(ENDPOINTS['presence.stream'].path, { id: storyId }) + queryString({ tab: tabId });
    const source = new EventSource(url);
    source.addEventListener('presence', (event) => {
      const parsed = PresenceSnapshotSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) onSnapshot(parsed.data);
    });
    return () => source.close();
  }, [storyId, tabId]);

  async function acquire(): Promise<void> {
    if (!storyId || !canWrite || holding.current || acquiring.current) return;
    acquiring.current = true;
    try {
      await browserApi.call('locks.acquire', { params: { id: storyId }, body: { tab: tabId } });
      holding.current = true;
    } catch (error) {
      if (!isApiError(error) || error.status !== 409) throw error;
      // Someone else holds it: the banner (from the stream) says who.
    } finally {
      acquiring.current = false;
    }
  }

  async function takeOver(): Promise<void> {
    if (!storyId) return;
    await browserApi.call('locks.takeOver', { params: { id: storyId }, body: { tab: tabId } });
    holding.current = true;
    setLostTo(null);
  }

  // The first change takes the lock (unless another tab holds it); a saved, clean form gives it back.
  const onFormState = useEffectEvent((dirty: boolean) => {
    if (!storyId || !canWrite || lostTo) return;
    if (dirty && !snapshot?.lock) void acquire().catch(() => undefined);
    if (!dirty && holding.current) {
      holding.current = false;
      void browserApi.call('locks.release', { params: { id: storyId }, query: { tab: tabId } }).catch(() => undefined);
    }
  });
  useEffect(
    () => form.subscribe({ formState: { isDirty: true, values: true }, callback: ({ isDirty }) => onFormState(Boolean(isDirty)) }),
    [form],
  );

  // Section and typing, throttled.
  const sent = useRef({ at: 0, section: null as string | null, typing: false });
  const wanted = useRef({ section: null as string | null, typing: false });
  const timers = useRef<{ trailing?: ReturnType<typeof setTimeout>; idle?: ReturnType<typeof setTimeout> }>({});
  const flush = useEffectEvent(() => {
    if (!storyId) return;
    const { section, typing } = wanted.current;
    if (section === sent.current.section && typing === sent.current.typing) return;
    const wait = sent.current.at + PRESENCE_THROTTLE_MS - Date.now();
    if (wait > 0) {
      timers.current.trailing ??= setTimeout(() => {
        timers.current.trailing = undefined;
        flush();
      }, wait);
      return;
    }
    sent.current = { at: Date.now(), section, typing };
    void browserApi.call('presence.update', { params: { id: storyId }, body: { tab: tabId, section, typing } }).catch(() => undefined);
  });
  useEffect(() => {
    const element = root.current;
    if (!element || !storyId) return;
    const current = timers.current;
    const onFocus = (event: Event) => {
      wanted.current = { ...wanted.current, section: sectionOf(event.target as Element) };
      flush();
    };
    const onInput = (event: Event) => {
      wanted.current = { section: sectionOf(event.target as Element) ?? wanted.current.section, typing: true };
      flush();
      clearTimeout(current.idle);
      current.idle = setTimeout(() => {
        wanted.current = { ...wanted.current, typing: false };
        flush();
      }, TYPING_IDLE_MS);
    };
    element.addEventListener('focusin', onFocus);
    element.addEventListener('input', onInput);
    return () => {
      element.removeEventListener('focusin', onFocus);
      element.removeEventListener('input', onInput);
      clearTimeout(current.idle);
      clearTimeout(current.trailing);
    };
  }, [root, storyId]);

  const lock = snapshot?.lock ?? null;
  return {
    tabId,
    viewers: (snapshot?.viewers ?? []).filter((viewer) => viewer.tabId !== tabId),
    /** The lock when another tab holds it. */
    heldBy: lock && lock.tabId !== tabId ? lock : null,
    lostTo,
    takeOver,
  };
}
