/**
 * On-air scheduling: stations, programs, segments, recurring slots, rundowns, and the public
 * "Now / Next Up". Schemas plus the pure logic both the API and the admin run: station-local time
 * <-> instants (DST gaps and repeated hours), the RRULE subset and its expansion, rundown timing,
 * durations as producers type them.
 */
export * from './stations.js';
export * from './segments.js';
export * from './rundowns.js';
export * from './recurrences.js';
export * from './public.js';
export * from './local-time.js';
export * from './rrule.js';
export * from './expand.js';
export * from './timing.js';
export * from './clocks.js';
export * from './duration.js';
