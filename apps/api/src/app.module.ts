import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AudioController } from './audio/audio.controller.js';
import { AudioJobs, ENCODE_QUEUE } from './audio/audio-jobs.js';
import { AudioRepository } from './audio/audio.repository.js';
import { AudioService } from './audio/audio.service.js';
import { PublicAudioController } from './audio/public-audio.controller.js';
import { JobQueue } from './jobs/job-queue.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { VersionedWriter } from './common/versioned-write.js';
import { AccessGuard } from './auth/access.guard.js';
import { AccountService } from './auth/account.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { LoginThrottleRepository } from './auth/login-throttle.repository.js';
import { LoginThrottleService } from './auth/login-throttle.service.js';
import { SessionsRepository } from './auth/sessions.repository.js';
import { SessionsService } from './auth/sessions.service.js';
import { ProblemFilter } from './common/problem.filter.js';
import { CONFIG, type Config } from './config.js';
import { CorrespondentsController } from './correspondents/correspondents.controller.js';
import { CorrespondentsRepository } from './correspondents/correspondents.repository.js';
import { CorrespondentsService } from './correspondents/correspondents.service.js';
import { HealthController } from './health/health.controller.js';
import { HealthRepository } from './health/health.repository.js';
import { HealthService } from './health/health.service.js';
import { ImageDeliveryController } from './media/image-delivery.controller.js';
import { ImageRenditionsRepository } from './media/image-renditions.repository.js';
import { ImageRenditionsService } from './media/image-renditions.service.js';
import { RenditionCleanup } from './media/rendition-cleanup.js';
import { MediaController } from './media/media.controller.js';
import { MEDIA_STORAGE, createMediaStorage } from './media/media-storage.js';
import { MediaRepository } from './media/media.repository.js';
import { MediaService } from './media/media.service.js';
import { DocsController } from './openapi/docs.controller.js';
import { METRICS_CONTROLLERS, METRICS_PROVIDERS } from './metrics/metrics.module.js';
import { NotesController } from './notes/notes.controller.js';
import { DistributionController } from './distribution/distribution.controller.js';
import { DistributionRepository } from './distribution/distribution.repository.js';
import { DistributionService } from './distribution/distribution.service.js';
import { DeliveryWorker } from './distribution/delivery-worker.js';
import { NotesRepository } from './notes/notes.repository.js';
import { NotesService } from './notes/notes.service.js';
import { PeopleController } from './people/people.controller.js';
import { PresenceController } from './presence/presence.controller.js';
import { PresenceRepository } from './presence/presence.repository.js';
import { PresenceService } from './presence/presence.service.js';
import { PeopleRepository } from './people/people.repository.js';
import { PeopleService } from './people/people.service.js';
import { PersonMergeService } from './people/person-merge.service.js';
import { PersonReferences } from './people/person-references.js';
import { PublicCorrespondentsController, PublicPeopleController } from './public/public-people.controller.js';
import { PublicStationsController } from './public/public-stations.controller.js';
import { FeedsController } from './public/feeds.controller.js';
import { SitemapsController } from './public/sitemaps.controller.js';
import { PublicCache } from './public/public-cache.service.js';
import { PUBLIC_PROVIDERS } from './public/public.module.js';
import { PublicStoriesController } from './public/public-stories.controller.js';
import { SCHEDULE_CONTROLLERS, SCHEDULE_PROVIDERS } from './schedule/schedule.module.js';
import { PODCAST_CONTROLLERS, PODCAST_PROVIDERS } from './podcasts/podcasts.module.js';
import { SHARE_LINK_CONTROLLERS, SHARE_LINK_PROVIDERS } from './share-links/share-links.module.js';
import { StoriesController } from './stories/stories.controller.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { OutboxService } from './outbox/outbox.service.js';
import { RevisionsRepository } from './stories/revisions.repository.js';
import { RevisionsService } from './stories/revisions.service.js';
import { StoriesRepository } from './stories/stories.repository.js';
import { StoriesService } from './stories/stories.service.js';
import { StoryPreviewService } from './stories/story-preview.service.js';
import { StoryReader } from './stories/story-reader.js';
import { StoryWriter } from './stories/story-writer.js';
import { TagsController } from './tags/tags.controller.js';
import { TagsRepository } from './tags/tags.repository.js';
import { TagsService } from './tags/tags.service.js';
import { TranscriptsController } from './transcripts/transcripts.controller.js';
import { TranscriptsRepository } from './transcripts/transcripts.repository.js';
import { TranscriptsService } from './transcripts/transcripts.service.js';
import { SpellingDeskRepository } from './transcripts/spelling-desk.repository.js';
import { SpellingDeskService } from './transcripts/spelling-desk.service.js';
import { SettingsController } from './settings/settings.controller.js';
import { SettingsRepository } from './settings/settings.repository.js';
import { SettingsService } from './settings/settings.service.js';
import { PasswordLinksService } from './users/password-links.service.js';
import { UsersController } from './users/users.controller.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';

@Module({})
export class AppModule {
  /** The whole API, wired to an opened (and migrated) DataSource. */
  static create(config: Config, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        HealthController,
        DocsController,
        AuthController,
        UsersController,
        AuditController,
        StoriesController,
        TagsController,
        PublicStoriesController,
        FeedsController,
        SitemapsController,
        CorrespondentsController,
        PeopleController,
        MediaController,
        ImageDeliveryController,
        AudioController,
        PublicAudioController,
        PublicCorrespondentsController,
        PublicPeopleController,
        ...SCHEDULE_CONTROLLERS,
        PublicStationsController,
        TranscriptsController,
        SettingsController,
        ...PODCAST_CONTROLLERS,
        NotesController,
        DistributionController,
        PresenceController,
        ...SHARE_LINK_CONTROLLERS,
        ...METRICS_CONTROLLERS,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        AuditRepository,
        AuditService,
        VersionedWriter,
        SessionsRepository,
        SessionsService,
        LoginThrottleRepository,
        LoginThrottleService,
        AuthService,
        AccountService,
        UsersRepository,
        PasswordLinksService,
        UsersService,
        JobQueue,
        OutboxRepository,
        HealthRepository,
        HealthService,
        OutboxService,
        PublicCache,
        StoriesRepository,
        RevisionsRepository,
        TagsRepository,
        TranscriptsRepository,
        SpellingDeskRepository,
        SpellingDeskService,
        SettingsRepository,
        SettingsService,
        ...PUBLIC_PROVIDERS,
        StoryReader,
        StoryWriter,
        RevisionsService,
        StoriesService,
        StoryPreviewService,
        { provide: MEDIA_STORAGE, useFactory: (c: Config) => createMediaStorage(c), inject: [CONFIG] },
        MediaRepository,
        ImageRenditionsRepository,
        ImageRenditionsService,
        RenditionCleanup,
        MediaService,
        AudioRepository,
        AudioJobs,
        { provide: ENCODE_QUEUE, useExisting: AudioJobs },
        AudioService,
        PeopleRepository,
        PeopleService,
        PersonReferences,
        PersonMergeService,
        CorrespondentsRepository,
        CorrespondentsService,
        TagsService,
        ...SCHEDULE_PROVIDERS,
        TranscriptsService,
        ...PODCAST_PROVIDERS,
        NotesRepository,
        NotesService,
        DistributionRepository,
        DistributionService,
        DeliveryWorker,
        PresenceRepository,
        PresenceService,
        ...SHARE_LINK_PROVIDERS,
        ...METRICS_PROVIDERS,
      ],
    };
  }
}
