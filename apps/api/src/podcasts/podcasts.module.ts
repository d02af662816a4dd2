import { PodcastsController } from './podcasts.controller.js';
import { PodcastsRepository } from './podcasts.repository.js';
import { PodcastsService } from './podcasts.service.js';
import { PublicPodcastsController } from './public-podcasts.controller.js';

/** The podcasts feature's controllers and providers, registered by AppModule.create. */
export const PODCAST_CONTROLLERS = [PodcastsController, PublicPodcastsController];
export const PODCAST_PROVIDERS = [PodcastsRepository, PodcastsService];
