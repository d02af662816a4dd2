import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditEntry } from '../audit/audit.entity.js';
import { Session } from '../auth/session.entity.js';
import { User } from '../users/user.entity.js';
import { Foundation1764201600000 } from './migrations/1764201600000-Foundation.js';
import { Audit1764205200000 } from './migrations/1764205200000-Audit.js';
import { PasswordTokens1764208800000 } from './migrations/1764208800000-PasswordTokens.js';
import { StoryDesk1764216000000 } from './migrations/1764216000000-StoryDesk.js';
import { Schedule1764300000000 } from './migrations/1764300000000-Schedule.js';
import { PeopleCorrespondentsMedia1764400000000 } from './migrations/1764400000000-PeopleCorrespondentsMedia.js';
import { PublicCacheNotify1764500000000 } from './migrations/1764500000000-PublicCacheNotify.js';
import { StoryLinks1764550000000 } from './migrations/1764550000000-StoryLinks.js';
import { Transcripts1764600000000 } from './migrations/1764600000000-Transcripts.js';
import { TranscriptReferences1764610000000 } from './migrations/1764610000000-TranscriptReferences.js';
import { PublicReadIndexes1764700000000 } from './migrations/1764700000000-PublicReadIndexes.js';
import { SearchRanking1764800000000 } from './migrations/1764800000000-SearchRanking.js';
import { PublicCacheProfilesSchedule1764810000000 } from './migrations/1764810000000-PublicCacheProfilesSchedule.js';
import { LoginThrottleUserVersion1764900100000 } from './migrations/1764900100000-LoginThrottleUserVersion.js';
import { AudioPodcasts1765000000000 } from './migrations/1765000000000-AudioPodcasts.js';
import { Embargo1765100000000 } from './migrations/1765100000000-Embargo.js';
import { ShareLinks1765110000000 } from './migrations/1765110000000-ShareLinks.js';
import { Presence1765120000000 } from './migrations/1765120000000-Presence.js';
import { Notes1765130000000 } from './migrations/1765130000000-Notes.js';
import { ImageRenditions1765140000000 } from './migrations/1765140000000-ImageRenditions.js';
import { LeadImageCaption1765260000000 } from './migrations/1765260000000-LeadImageCaption.js';
import { TimedTranscripts1765150000000 } from './migrations/1765150000000-TimedTranscripts.js';
import { Distribution1765200000000 } from './migrations/1765200000000-Distribution.js';
import { RequestIds1765220000000 } from './migrations/1765220000000-RequestIds.js';
import { RevisionDeltas1765230000000 } from './migrations/1765230000000-RevisionDeltas.js';
import { OnAir1765240000000 } from './migrations/1765240000000-OnAir.js';
import { HostPace1765310000000 } from './migrations/1765310000000-HostPace.js';
import { TranscriptSpellings1765250000000 } from './migrations/1765250000000-TranscriptSpellings.js';
import { RenditionCleanup1765300000000 } from './migrations/1765300000000-RenditionCleanup.js';

export const ENTITIES = [User, Session, AuditEntry];
export const MIGRATIONS = [
  Foundation1764201600000,
  Audit1764205200000,
  PasswordTokens1764208800000,
  StoryDesk1764216000000,
  Schedule1764300000000,
  PeopleCorrespondentsMedia1764400000000,
  PublicCacheNotify1764500000000,
  StoryLinks1764550000000,
  Transcripts1764600000000,
  TranscriptReferences1764610000000,
  PublicReadIndexes1764700000000,
  SearchRanking1764800000000,
  PublicCacheProfilesSchedule1764810000000,
  LoginThrottleUserVersion1764900100000,
  AudioPodcasts1765000000000,
  Embargo1765100000000,
  ShareLinks1765110000000,
  Presence1765120000000,
  Notes1765130000000,
  ImageRenditions1765140000000,
  TimedTranscripts1765150000000,
  Distribution1765200000000,
  RequestIds1765220000000,
  RevisionDeltas1765230000000,
  OnAir1765240000000,
  TranscriptSpellings1765250000000,
  LeadImageCaption1765260000000,
  RenditionCleanup1765300000000,
  HostPace1765310000000,
];

/** One DataSource definition for Nest, the tests and the TypeORM CLI. Never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // A connection the pool cannot open within 5 s (database down or unreachable) fails the request with a 503 instead of hanging it.
    connectTimeoutMS: 5000,
    extra: { max: poolSize, application_name: 'newsdesk-api' },
  };
}

/** Key of the advisory lock that serializes migrations when several API processes start at once. */
const MIGRATION_LOCK = 7_351_002;

export async function openDatabase(url: string, poolSize?: number): Promise<DataSource> {
  const dataSource = await new DataSource(dataSourceOptions(url, poolSize)).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
