/**
 * Rundown timing, as a producer reads it off the rundown: front-timing (when each item starts if
 * everything before it runs as planned), back-timing (when it must start for the rest to end
 * exactly at the hard out), and whether the whole is over or under the block. Pure, so the API
 * and the admin's live editor compute the same figures.
 */

export interface TimedItemInput {
  durationSeconds: number;
  /** A hard post: the item starts at this instant (ms) whatever runs before it. */
  postAt?: number | null;
  /** On air: when the item was actually taken (ms); it then starts there, post or not. */
  actualStart?: number | null;
}

export interface ItemTiming {
  /** Front-time: the block's start plus everything before this item (ms). */
  startsAt: number;
  endsAt: number;
  /** Back-time: the hard out minus this item and everything after it (ms). */
  backTime: number;
  /** From this item's front-timed start to the hard out; negative once past it. */
  secondsToHardOut: number;
  /** The item would still be running at the hard out (it gets cut). */
  pastHardOut: boolean;
  /** Pinned to a hard post (and not yet taken). */
  pinned: boolean;
  /**
   * For a pinned item: the air before its post left by what runs ahead of it (ms of the post
   * minus the front-timed end of the previous item): positive = a gap to fill (under), negative =
   * the material before it overruns the post (over). 0 for an unpinned item.
   */
  gapBeforeSeconds: number;
}

/** The stretch of the rundown that must fit before one hard post (or the hard out). */
export interface PostSection {
  /** Index of the pinned item that ends the section; null for the hard out. */
  postIndex: number | null;
  postAt: number;
  /** The section starts at the block start or at the previous post. */
  from: number;
  plannedSeconds: number;
  availableSeconds: number;
  /** Planned minus available: positive = over before this post, negative = under. */
  overUnderSeconds: number;
  state: 'over' | 'under' | 'exact';
}

export interface RundownTotals {
  plannedSeconds: number;
  availableSeconds: number;
  /** Planned minus available: positive = over (too much material), negative = under (air to fill). */
  overUnderSeconds: number;
  state: 'over' | 'under' | 'exact';
}

const stateOf = (overUnder: number): 'over' | 'under' | 'exact' => (overUnder > 0 ? 'over' : overUnder < 0 ? 'under' : 'exact');

/**
 * Front-timing, back-timing and over/under, with hard posts: a pinned item starts at its post
 * (front-timing jumps to it; what runs before it is over or under by the difference), back-timing
 * counts back from the next post (or the hard out) instead of only from the hard out, and each
 * post gets its own over/under (`sections`). While on air, a taken item starts at its actual start
 * and, given `now`, the item still running (the last taken) ends no earlier than now, so
 * everything after it is re-timed from reality.
 */
export function timeRundown(
  blockStart: number,
  hardOut: number,
  items: readonly TimedItemInput[],
  options: { now?: number; currentIndex?: number | null } = {},
): { items: ItemTiming[]; totals: RundownTotals; sections: PostSection[] } {
  const plannedSeconds = items.reduce((sum, item) => sum + item.durationSeconds, 0);
  const availableSeconds = Math.round((hardOut - blockStart) / 1000);
  const pinnedAt = (item: TimedItemInput) => (item.actualStart == null && item.postAt != null ? item.postAt : null);
  // Back-timing anchors: for each item, the next pinned item's post after it, or the hard out.
  const anchorAfter: number[] = new Array<number>(items.length);
  const restBefore: number[] = new Array<number>(items.length);
  let anchor = hardOut;
  let rest = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = defined(items[i]);
    rest += item.durationSeconds;
    anchorAfter[i] = anchor;
    restBefore[i] = rest;
    const post = pinnedAt(item);
    if (post !== null) {
      anchor = post;
      rest = 0;
    }
  }
  let front = blockStart;
  const timed = items.map((item, i) => {
    const post = pinnedAt(item);
    const startsAt = item.actualStart ?? post ?? front;
    let endsAt = startsAt + item.durationSeconds * 1000;
    if (options.now !== undefined && options.currentIndex === i && endsAt < options.now) endsAt = options.now;
    const timing: ItemTiming = {
      startsAt,
      endsAt,
      backTime: post ?? defined(anchorAfter[i]) - defined(restBefore[i]) * 1000,
      secondsToHardOut: Math.round((hardOut - startsAt) / 1000),
      pastHardOut: endsAt > hardOut,
      pinned: post !== null,
      gapBeforeSeconds: post !== null ? Math.round((post - front) / 1000) : 0,
    };
    front = endsAt;
    return timing;
  });
  // One section per post, then the last one up to the hard out.
  const sections: PostSection[] = [];
  let from = blockStart;
  let planned = 0;
  items.forEach((item, i) => {
    const post = pinnedAt(item);
    if (post !== null) {
      const available = Math.round((post - from) / 1000);
      sections.push({
        postIndex: i,
        postAt: post,
        from,
        plannedSeconds: planned,
        availableSeconds: available,
        overUnderSeconds: planned - available,
        state: stateOf(planned - available),
      });
      from = post;
      planned = 0;
    }
    planned += item.durationSeconds;
  });
  const available = Math.round((hardOut - from) / 1000);
  sections.push({
    postIndex: null,
    postAt: hardOut,
    from,
    plannedSeconds: planned,
    availableSeconds: available,
    overUnderSeconds: planned - available,
    state: stateOf(planned - available),
  });
  const overUnderSeconds = plannedSeconds - availableSeconds;
  return {
    items: timed,
    totals: { plannedSeconds, availableSeconds, overUnderSeconds, state: stateOf(overUnderSeconds) },
    sections,
  };
}

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('timing: index out of range');
  return value;
}

/** Words per minute a host reads at when the program names none (a measured broadcast pace is 150-180). */
export const DEFAULT_WORDS_PER_MINUTE = 160;
export const MIN_WORDS_PER_MINUTE = 60;
export const MAX_WORDS_PER_MINUTE = 400;

/** Words in a script's plain text (runs of letters/digits, with inner apostrophes and hyphens). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * The pace an item's script is read at: its reader's (a host's own setting) when set, else the
 * program's, else DEFAULT_WORDS_PER_MINUTE.
 */
export function readingPace(readerWordsPerMinute?: number | null, programWordsPerMinute?: number | null): number {
  return readerWordsPerMinute ?? programWordsPerMinute ?? DEFAULT_WORDS_PER_MINUTE;
}

/** Reading time of a script, in whole seconds (rounded up: a host never reads faster than planned). */
export function readingSeconds(text: string, wordsPerMinute: number = DEFAULT_WORDS_PER_MINUTE): number {
  if (!(wordsPerMinute > 0)) throw new RangeError('wordsPerMinute must be positive');
  const words = countWords(text);
  return words === 0 ? 0 : Math.ceil((words * 60) / wordsPerMinute);
}
