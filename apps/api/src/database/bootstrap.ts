import type { Logger as Pino } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { createMediaStorage } from '../media/media-storage.js';
import { upsertUser } from '../users/upsert-user.js';
import { loadDemoAudio } from './demo-audio.js';
import { loadDemoImages } from './demo-images.js';
import { loadDemoNewsroom } from './demo-newsroom.js';
import { loadDemoNotes } from './demo-notes.js';
import { loadDemoDistribution } from './demo-distribution.js';
import { loadDemoPeople } from './demo-people.js';
import { loadDemoTimings, loadDemoTranscripts } from './demo-transcripts.js';
import { refreshDemoSchedule } from './demo-schedule.js';
import { loadDemoPodcast } from './demo-podcast.js';

/**
 * Start-up data: the operator's admin from ADMIN_EMAIL/ADMIN_PASSWORD (in every mode), and the
 * demo newsroom when DEMO_DATA is on (refused in production by the config) and the database is empty.
 */
export async function bootstrapAccounts(db: DataSource, config: Config, logger: Pino): Promise<void> {
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    await upsertUser(db, { email: config.ADMIN_EMAIL, name: 'Administrator', roles: ['admin'], password: config.ADMIN_PASSWORD });
    logger.info({ email: config.ADMIN_EMAIL }, 'admin account ensured from ADMIN_EMAIL');
  }
  if (config.DEMO_DATA) {
    const loaded = await loadDemoNewsroom(db);
    logger.info(loaded ? 'demo newsroom loaded' : 'demo newsroom already present');
    if (await loadDemoPeople(db, createMediaStorage(config))) logger.info('demo correspondents and people loaded');
    if (await loadDemoTranscripts(db)) logger.info('demo transcript loaded');
    if (await loadDemoImages(db, createMediaStorage(config))) logger.info('demo photos loaded (renditions are made by the worker)');
    const withAudio = await loadDemoAudio(db, createMediaStorage(config), config);
    if (withAudio) logger.info({ stories: withAudio }, 'demo audio: a tone per published story, encoded to MP3');
    if (await loadDemoTimings(db)) logger.info('demo transcript timed against its audio (transcript.vtt answers)');
    // At every start: the demo schedule is relative to today, so Now / Next Up always has an answer.
    const schedule = await refreshDemoSchedule(db);
    logger.info({ segments: schedule.created }, 'demo schedule filled from yesterday to two weeks ahead');
    if (await loadDemoPodcast(db, createMediaStorage(config))) logger.info('demo podcast (Morning Edition) loaded');
    if (await loadDemoNotes(db)) logger.info('demo notes loaded (one mentions the demo editor)');
    if (await loadDemoDistribution(db)) logger.info('demo distribution: CDS prefix demo, a disabled CDS destination');
  }
}
