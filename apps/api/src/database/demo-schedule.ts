import { defined } from '@newsdesk/contracts';
import { addDays, dayOfWeek, localDateOf, type SegmentKind } from '@newsdesk/contracts';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { ScheduleRepository } from '../schedule/schedule.repository.js';
import { refreshDemoOnAir } from './demo-onair.js';
import { DemoScheduleRepository } from './demo-schedule.repository.js';
import { SlotsService } from '../schedule/slots.service.js';
import { StationsService } from '../schedule/stations.service.js';

/**
 * The demo schedule: three public-radio stations, the programs they carry, the recurring slots
 * that fill every hour of every day, and — generated at each start, relative to today in each
 * station's zone — the segments from yesterday to two weeks ahead, so that Now / Next Up always
 * has an answer. Today's morning block carries a rundown with the Moscow story, and today's midday
 * newscast leads with it. Nothing a producer changed is overwritten.
 */

const STATIONS = [
  {
    callSign: 'WAMU',
    name: 'WAMU 88.5',
    band: 'FM',
    frequency: '88.5',
    city: 'Washington, D.C.',
    timezone: 'America/New_York',
    streamUrl: 'https://hd1.wamu.org/wamu-1',
  },
  {
    callSign: 'KQED',
    name: 'KQED 88.5',
    band: 'FM',
    frequency: '88.5',
    city: 'San Francisco',
    timezone: 'America/Los_Angeles',
    streamUrl: 'https://streams.kqed.org/kqedradio',
  },
  {
    callSign: 'WBEZ',
    name: 'WBEZ 91.5',
    band: 'FM',
    frequency: '91.5',
    city: 'Chicago',
    timezone: 'America/Chicago',
    streamUrl: 'https://stream.wbez.org/wbez128.mp3',
  },
];

const PROGRAMS: Array<{ slug: string; name: string; hosts: string[]; minutes: number }> = [
  { slug: 'bbc-world-service', name: 'BBC World Service', hosts: [], minutes: 300 },
  {
    slug: 'morning-edition',
    name: 'Morning Edition',
    hosts: ['Steve Inskeep', 'Leila Fadel', 'Michel Martin', 'A Martínez'],
    minutes: 240,
  },
  { slug: 'weekend-edition', name: 'Weekend Edition', hosts: ['Scott Simon', 'Ayesha Rascoe'], minutes: 300 },
  { slug: '1a', name: '1A', hosts: ['Jenn White'], minutes: 120 },
  { slug: 'fresh-air', name: 'Fresh Air', hosts: ['Terry Gross', 'Tonya Mosley'], minutes: 60 },
  { slug: 'wait-wait-dont-tell-me', name: "Wait Wait... Don't Tell Me!", hosts: ['Peter Sagal'], minutes: 60 },
  { slug: 'this-american-life', name: 'This American Life', hosts: ['Ira Glass'], minutes: 60 },
  { slug: 'npr-news-now', name: 'NPR News Now', hosts: [], minutes: 6 },
  { slug: 'here-and-now', name: 'Here & Now', hosts: ['Robin Young', 'Scott Tong'], minutes: 114 },
  { slug: 'the-world', name: 'The World', hosts: ['Marco Werman', 'Carolyn Beeler'], minutes: 60 },
  { slug: 'on-point', name: 'On Point', hosts: ['Meghna Chakrabarti'], minutes: 60 },
  {
    slug: 'all-things-considered',
    name: 'All Things Considered',
    hosts: ['Ari Shapiro', 'Ailsa Chang', 'Mary Louise Kelly', 'Juana Summers'],
    minutes: 150,
  },
  { slug: 'marketplace', name: 'Marketplace', hosts: ['Kai Ryssdal'], minutes: 30 },
  { slug: 'hidden-brain', name: 'Hidden Brain', hosts: ['Shankar Vedantam'], minutes: 90 },
  { slug: 'jazz-night-in-america', name: 'Jazz Night in America', hosts: ['Christian McBride'], minutes: 240 },
];

const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
const WEEKENDS = 'FREQ=WEEKLY;BYDAY=SA,SU';

/** Every hour of every day, in station time (weekday and weekend clocks each add up to 24 hours). */
const RULES: Array<{ program: string; rrule: string; start: string; minutes: number; kind?: SegmentKind }> = [
  { program: 'bbc-world-service', rrule: 'FREQ=DAILY', start: '00:00', minutes: 300 },
  { program: 'morning-edition', rrule: WEEKDAYS, start: '05:00', minutes: 240 },
  { program: 'weekend-edition', rrule: WEEKENDS, start: '05:00', minutes: 300 },
  { program: '1a', rrule: WEEKDAYS, start: '09:00', minutes: 120 },
  { program: 'fresh-air', rrule: `${WEEKDAYS};BYHOUR=11,19;BYMINUTE=0`, start: '00:00', minutes: 60 },
  { program: 'wait-wait-dont-tell-me', rrule: WEEKENDS, start: '10:00', minutes: 60 },
  { program: 'this-american-life', rrule: WEEKENDS, start: '11:00', minutes: 60 },
  { program: 'npr-news-now', rrule: 'FREQ=DAILY', start: '12:00', minutes: 6, kind: 'newscast' },
  { program: 'here-and-now', rrule: WEEKDAYS, start: '12:06', minutes: 114 },
  { program: 'jazz-night-in-america', rrule: WEEKENDS, start: '12:06', minutes: 234, kind: 'music' },
  { program: 'the-world', rrule: WEEKDAYS, start: '14:00', minutes: 60 },
  { program: 'on-point', rrule: WEEKDAYS, start: '15:00', minutes: 60 },
  { program: 'all-things-considered', rrule: 'FREQ=DAILY', start: '16:00', minutes: 150 },
  { program: 'marketplace', rrule: WEEKDAYS, start: '18:30', minutes: 30 },
  { program: 'hidden-brain', rrule: WEEKENDS, start: '18:30', minutes: 90 },
  { program: 'jazz-night-in-america', rrule: 'FREQ=DAILY', start: '20:00', minutes: 240, kind: 'music' },
];

const MOSCOW_STORY = 'kremlin-pitches-joint-fight-against-isis-to-trump';

/** One hour of a morning magazine's clock; the first hour leads with the Moscow story. */
function hourClock(hour: number): Array<{ title: string; kind: string; seconds: number; story?: string }> {
  const lead =
    hour === 0
      ? {
          title: 'Moscow: the Kremlin courts the new U.S. administration on ISIS',
          kind: 'story',
          seconds: 4 * 60 + 10,
          story: MOSCOW_STORY,
        }
      : { title: `Hour ${hour + 1} A-segment: top story of the hour`, kind: 'story', seconds: 7 * 60 };
  return [
    { title: `Newscast (hour ${hour + 1})`, kind: 'newscast', seconds: 5 * 60 },
    { title: 'Billboard and host welcome', kind: 'other', seconds: 60 },
    lead,
    {
      title: hour === 0 ? 'Lavrov leaves the door open to Washington' : 'Two-way with a correspondent',
      kind: hour === 0 ? 'story' : 'interview',
      seconds: 6 * 60,
      ...(hour === 0 ? { story: 'lavrov-leaves-door-open-to-washington' } : {}),
    },
    { title: 'Underwriting', kind: 'underwriting', seconds: 60 },
    { title: 'Local news, weather and traffic', kind: 'newscast', seconds: 4 * 60 },
    {
      title: hour === 0 ? 'Aleppo after the siege: what Russia gained' : 'Long-form feature',
      kind: 'story',
      seconds: 9 * 60,
      ...(hour === 0 ? { story: 'aleppo-after-the-siege' } : {}),
    },
    { title: 'Station break', kind: 'break', seconds: 60 },
    { title: 'Business news', kind: 'story', seconds: 3 * 60 },
    { title: 'Interview segment', kind: 'interview', seconds: 13 * 60 },
    { title: 'Music bed and promos', kind: 'music', seconds: 90 },
    { title: 'Underwriting', kind: 'underwriting', seconds: 60 },
    { title: 'Closing story', kind: 'story', seconds: 6 * 60 },
  ];
}

/** Creates the stations, programs and rules once; then, at every start, fills yesterday to two weeks ahead. */
export async function refreshDemoSchedule(db: DataSource, now = new Date()): Promise<{ created: number }> {
  const seed = new DemoScheduleRepository(db);
  const producer = await seed.userByEmail('producer@newsdesk.local');
  if (!producer) return { created: 0 };
  const actor: Principal = {
    userId: producer.id,
    email: producer.email,
    name: producer.name,
    roles: ['producer'],
    sessionId: '',
    via: 'bearer',
  };

  const programIds = new Map<string, string>();
  for (const program of PROGRAMS) {
    programIds.set(
      program.slug,
      await seed.ensureProgram(
        { slug: program.slug, name: program.name, hosts: program.hosts, durationSeconds: program.minutes * 60 },
        producer.id,
      ),
    );
  }

  const audit = new AuditService();
  const repo = new ScheduleRepository(db);
  const stations = new StationsService(repo, audit, new VersionedWriter(db, audit));
  const slots = new SlotsService(repo, audit, stations);
  let created = 0;
  for (const station of STATIONS) {
    const { id: stationId, timezone, created: isNew } = await seed.ensureStation(station, producer.id);
    const today = localDateOf(now.getTime(), timezone);
    if (isNew) {
      // A new demo station: its rules start a week back, so the week view has history too.
      for (const rule of RULES) {
        const program = defined(
          PROGRAMS.find((item) => item.slug === rule.program),
          `demo program ${rule.program}`,
        );
        await seed.insertRecurrence(
          {
            programId: defined(programIds.get(rule.program), `demo program ${rule.program}`),
            stationId,
            rrule: rule.rrule,
            startsOn: addDays(today, -7),
            startTime: rule.start,
            durationSeconds: rule.minutes * 60,
            title: program.name,
            kind: rule.kind ?? 'program',
          },
          producer.id,
        );
      }
    }
    const result = await slots.materialize(stationId, { from: addDays(today, -1), days: 15 }, actor);
    created += result.created;
    await addMorningRundown(seed, stationId, today, producer.id);
    // At weekends today's morning block is Weekend Edition; Monday's Morning Edition gets one too.
    const weekday = dayOfWeek(today);
    if (weekday === 0 || weekday === 6) await addMorningRundown(seed, stationId, addDays(today, weekday === 6 ? 2 : 1), producer.id);
    await leadNewscastWithStory(seed, stationId, today);
    // Yesterday's morning block aired as planned, a little later item by item: its as-run log, and
    // the airings of its stories ("aired on WAMU, Morning Edition, 7:42 AM EST").
    await addMorningRundown(seed, stationId, addDays(today, -1), producer.id);
    await seed.insertAsRun(stationId, addDays(today, -1));
  }
  await refreshDemoOnAir(db, now);
  return { created };
}

/** The morning block of `date` gets a rundown, once (a producer's own rundown is never replaced). */
async function addMorningRundown(seed: DemoScheduleRepository, stationId: string, date: string, userId: string): Promise<void> {
  const morning = await seed.morningBlockWithoutRundown(stationId, date);
  if (morning) {
    const items = Array.from({ length: Math.floor(morning.duration_seconds / 3600) }, (_, hour) => hourClock(hour)).flat();
    const slugs = [...new Set(items.map((item) => item.story).filter((slug): slug is string => Boolean(slug)))];
    const storyIds = await seed.storyIdsBySlug(slugs);
    await seed.insertRundown(
      morning.id,
      items.map((item) => ({
        title: item.title,
        kind: item.kind,
        seconds: item.seconds,
        storyId: item.story ? (storyIds.get(item.story) ?? null) : null,
      })),
      userId,
    );
  }
}

/** Today's midday newscast leads with the Moscow story (unless a producer already changed it). */
async function leadNewscastWithStory(seed: DemoScheduleRepository, stationId: string, today: string): Promise<void> {
  const storyId = (await seed.storyIdsBySlug([MOSCOW_STORY])).get(MOSCOW_STORY);
  if (storyId) await seed.leadNewscast(stationId, today, storyId);
}
