// Stations, programs and a year of back-to-back segments per station (half a year each side of
// now): every hour a 55-minute program block and a 5-minute newscast, some newscasts leading with a story.
import { randomUUID } from 'node:crypto';
import { slugify } from '@newsdesk/contracts';
import { copyRows } from './copy.js';
import { PROGRAMS, STATIONS } from './words.js';

const HOUR = 3_600_000;

/**
 * @param {import('pg').ClientBase[]} writers connections (the first writes programs and stations)
 * @param {import('./random.js').Random} random
 * @param {{ stations: number, days: number, storyIds: string[], onProgress: (text: string) => void }} options
 * @returns {Promise<number>} segments written
 */
export async function copySchedule(writers, random, { stations, days, storyIds, onProgress }) {
  const [client] = writers;
  const programs = PROGRAMS.map(([name, host]) => ({ id: randomUUID(), name, slug: slugify(name), hosts: host ? [host] : [] }));
  await copyRows(
    client,
    'programs',
    ['id', 'name', 'slug', 'hosts', 'default_duration_seconds'],
    programs.map((p) => [p.id, p.name, p.slug, p.hosts, 3300]),
  );

  const chosen = Array.from({ length: stations }, (_, i) => {
    const [base, timezone, city] = STATIONS[i % STATIONS.length];
    const callSign = i < STATIONS.length ? base : `${base}${Math.floor(i / STATIONS.length)}`;
    return { id: randomUUID(), callSign, timezone, city };
  });
  await copyRows(
    client,
    'stations',
    ['id', 'call_sign', 'name', 'band', 'frequency', 'city', 'timezone', 'stream_url'],
    chosen.map((s, i) => [
      s.id,
      s.callSign,
      `${s.city} Public Radio`,
      'FM',
      (88.1 + i * 0.8).toFixed(1),
      s.city,
      s.timezone,
      `https://streams.example.org/${s.callSign.toLowerCase()}`,
    ]),
  );

  const hours = days * 24;
  const start = Math.floor(Date.now() / HOUR) * HOUR - Math.floor(hours / 2) * HOUR;
  const rows = function* (/** @type {typeof chosen} */ stationsHere) {
    for (const station of stationsHere) {
      for (let h = 0; h < hours; h++) {
        const at = start + h * HOUR;
        // Nights are music; days rotate through the talk programs.
        const hourOfDay = new Date(at).getUTCHours();
        const program = hourOfDay < 5 ? programs[programs.length - 1] : programs[(hourOfDay + h) % (programs.length - 1)];
        yield [randomUUID(), station.id, new Date(at), 3300, program.name, 'program', 'confirmed', program.id, null];
        const story = storyIds.length && random.chance(0.1) ? random.pick(storyIds) : null;
        yield [randomUUID(), station.id, new Date(at + 3_300_000), 300, 'Newscast', story ? 'story' : 'newscast', 'confirmed', null, story];
      }
      onProgress(`segments: ${station.callSign} done`);
    }
  };
  // Stations split between the connections: the exclusion constraint's GiST inserts are the cost.
  const counts = await Promise.all(
    writers.map((writer, w) =>
      copyRows(
        writer,
        'segments',
        ['id', 'station_id', 'starts_at', 'duration_seconds', 'title', 'kind', 'status', 'program_id', 'story_id'],
        rows(chosen.filter((_, i) => i % writers.length === w)),
      ),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}
