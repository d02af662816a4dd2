import { PublicCacheRepository } from './public-cache.repository.js';
import { PublicPeopleRepository } from './public-people.repository.js';
import { PublicStationsRepository } from './public-stations.repository.js';
import { PublicSitemapsRepository } from './public-sitemaps.repository.js';
import { PublicStoriesRepository } from './public-stories.repository.js';

/** The public read side's repositories, registered by AppModule.create (as the schedule's providers are). */
export const PUBLIC_PROVIDERS = [
  PublicCacheRepository,
  PublicStoriesRepository,
  PublicPeopleRepository,
  PublicStationsRepository,
  PublicSitemapsRepository,
];
