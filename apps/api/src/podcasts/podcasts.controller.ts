import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  IdParamSchema,
  UpdatePodcastSettingsSchema,
  type PodcastCheck,
  type PodcastEpisodeList,
  type PodcastSettings,
  type UpdatePodcastSettingsInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { PodcastsService } from './podcasts.service.js';

const id = new ZodPipe(IdParamSchema);

/** A program's podcast settings, its feed check and its episodes (staff). */
@Controller('api/programs')
export class PodcastsController {
  constructor(private readonly podcasts: PodcastsService) {}

  @Can('schedule.read')
  @Get(':id/podcast')
  get(@Param(id) params: { id: string }): Promise<PodcastSettings> {
    return this.podcasts.get(params.id);
  }

  @Can('schedule.write')
  @Put(':id/podcast')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdatePodcastSettingsSchema)) body: UpdatePodcastSettingsInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<PodcastSettings> {
    return this.podcasts.update(params.id, body, user);
  }

  @Can('schedule.read')
  @Get(':id/podcast/check')
  check(@Param(id) params: { id: string }): Promise<PodcastCheck> {
    return this.podcasts.check(params.id);
  }

  @Can('schedule.read')
  @Get(':id/episodes')
  episodes(@Param(id) params: { id: string }): Promise<PodcastEpisodeList> {
    return this.podcasts.episodes(params.id);
  }
}
