import { ShareLinksController } from './share-links.controller.js';
import { ShareLinksRepository } from './share-links.repository.js';
import { ShareLinksService } from './share-links.service.js';

/** The share-links feature's controllers and providers, registered by AppModule.create. */
export const SHARE_LINK_CONTROLLERS = [ShareLinksController];
export const SHARE_LINK_PROVIDERS = [ShareLinksRepository, ShareLinksService];
