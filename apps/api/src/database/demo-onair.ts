import type { ClockItem, RichTextDoc } from '@newsdesk/contracts';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { OnAirRepository } from '../schedule/onair.repository.js';
import { RundownsService } from '../schedule/rundowns.service.js';
import { RundownsRepository } from '../schedule/rundowns.repository.js';
import { ScheduleRepository } from '../schedule/schedule.repository.js';

/** The demo hour clock: the network newscast at the top, a local news hole, breaks, a bed, the legal ID at :59:50. */
export const DEMO_CLOCK: ClockItem[] = [
  { title: 'NPR newscast', kind: 'hard_post', durationSeconds: 5 * 60, postAt: '00:00' },
  { title: 'Local news hole', kind: 'news_hole', durationSeconds: 4 * 60, postAt: null },
  { title: 'Floating break A', kind: 'break', durationSeconds: 2 * 60, postAt: null },
  { title: 'Music bed under the billboard', kind: 'music_bed', durationSeconds: 60, postAt: null },
  { title: 'Floating break B', kind: 'break', durationSeconds: 2 * 60, postAt: null },
  { title: 'Station ID', kind: 'legal_id', durationSeconds: 10, postAt: '59:50' },
];

/** Programs that get the demo clock (the morning shows keep their hand-written rundowns). */
const CLOCKED = [
  'all-things-considered',
  'here-and-now',
  '1a',
  'fresh-air',
  'the-world',
  'on-point',
  'bbc-world-service',
  'jazz-night-in-america',
];

const para = (text: string): RichTextDoc['content'][number] => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const SCRIPTS: Record<string, RichTextDoc> = {
  news_hole: {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Intro' }] },
      para("Good afternoon. It's the local news at the bottom of the hour. Here's what's happening across the region."),
      para('Metro says the Red Line will run every eight minutes through the weekend while crews replace track near Union Station.'),
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Back-announce' }] },
      para("That's local news. Stay with us."),
    ],
  },
  music_bed: { type: 'doc', content: [para('Support for this station comes from listeners like you, and from our sponsors.')] },
  legal_id: { type: 'doc', content: [para('This is WAMU 88.5, Washington, and online at wamu dot org.')] },
};

/** The demo host who reads the local news and the legal ID, at a pace slower than the program's 160. */
export const DEMO_READER = { slug: 'lucian-kim', wordsPerMinute: 140, kinds: ['news_hole', 'legal_id'] };

/**
 * Demo on air (issue 20): the demo clock on most programs, and the block on air now at WAMU with
 * a rundown from its clock (when it has none yet) and scripts for the host, so the live view,
 * prompter and printout have something to show; its local news and legal ID are read by a demo host
 * with their own pace (DEMO_READER). Nothing is taken: a producer does that.
 */
export async function refreshDemoOnAir(db: DataSource, now = new Date()): Promise<void> {
  const onair = new OnAirRepository(db);
  for (const program of await onair.programIdsBySlug(CLOCKED)) await onair.ensureClock(program.id, DEMO_CLOCK);
  const block = await onair.blockOnAir('WAMU', now);
  if (!block) return;
  const audit = new AuditService();
  const rundowns = new RundownsService(new ScheduleRepository(db), onair, new RundownsRepository(db), new VersionedWriter(db, audit));
  await db.transaction((tx) => rundowns.prepareFromClock(block.id, tx));
  await onair.scriptEmptyItems(block.id, SCRIPTS);
  await onair.readItems(block.id, DEMO_READER.slug, DEMO_READER.wordsPerMinute, DEMO_READER.kinds);
}
