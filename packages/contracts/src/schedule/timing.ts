/**
 * Rundown timing, as a producer reads it off the rundown: front-timing (when each item starts if
 * everything before it runs as planned), back-timing (when it must start for the rest to end
 * exactly at the hard out), and whether the whole is over or under the block. Pure, so the API
 * and the admin's live editor compute the same figures.
 */

export interface TimedItemInput {
  durationSeconds: number;
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
}

export interface RundownTotals {
  plannedSeconds: number;
  availableSeconds: number;
  /** Planned minus available: positive = over (too much material), negative = under (air to fill). */
  overUnderSeconds: number;
  state: 'over' | 'under' | 'exact';
}

export function timeRundown(
  blockStart: number,
  hardOut: number,
  items: readonly TimedItemInput[],
): { items: ItemTiming[]; totals: RundownTotals } {
  const plannedSeconds = items.reduce((sum, item) => sum + item.durationSeconds, 0);
  const availableSeconds = Math.round((hardOut - blockStart) / 1000);
  let front = blockStart;
  let remaining = plannedSeconds;
  const timed = items.map((item) => {
    const startsAt = front;
    const endsAt = front + item.durationSeconds * 1000;
    const timing: ItemTiming = {
      startsAt,
      endsAt,
      backTime: hardOut - remaining * 1000,
      secondsToHardOut: Math.round((hardOut - startsAt) / 1000),
      pastHardOut: endsAt > hardOut,
    };
    front = endsAt;
    remaining -= item.durationSeconds;
    return timing;
  });
  const overUnderSeconds = plannedSeconds - availableSeconds;
  return {
    items: timed,
    totals: {
      plannedSeconds,
      availableSeconds,
      overUnderSeconds,
      state: overUnderSeconds > 0 ? 'over' : overUnderSeconds < 0 ? 'under' : 'exact',
    },
  };
}
