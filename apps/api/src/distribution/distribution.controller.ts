import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  CreateDestinationSchema,
  DestinationDeleteQuerySchema,
  FailedDeliveriesQuerySchema,
  IdParamSchema,
  ResendDeliverySchema,
  UpdateDestinationSchema,
  UpdateDistributionSettingsSchema,
  type CdsDocument,
  type CreateDestinationInput,
  type Delivery,
  type DeliveryPage,
  type Destination,
  type DestinationList,
  type DistributionSettings,
  type StoryDistribution,
  type UpdateDestinationInput,
  type UpdateDistributionSettingsInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { DistributionService } from './distribution.service.js';

const id = new ZodPipe(IdParamSchema);

/** CDS documents, a story's distribution, failed deliveries, and the destinations (docs/distribution.md). */
@Controller('api')
export class DistributionController {
  constructor(private readonly distribution: DistributionService) {}

  @Can('story.read')
  @Get('stories/:id/cds')
  storyCds(@Param(id) params: { id: string }): Promise<CdsDocument> {
    return this.distribution.storyDocument(params.id);
  }

  @Can('correspondent.read')
  @Get('correspondents/:id/cds')
  correspondentCds(@Param(id) params: { id: string }): Promise<CdsDocument> {
    return this.distribution.biographyDocument(params.id);
  }

  @Can('story.read')
  @Get('stories/:id/distribution')
  story(@Param(id) params: { id: string }): Promise<StoryDistribution> {
    return this.distribution.story(params.id);
  }

  @Can('story.read')
  @Get('deliveries/failed')
  failed(@Query(new ZodPipe(FailedDeliveriesQuerySchema)) query: { limit: number }): Promise<DeliveryPage> {
    return this.distribution.failed(query.limit);
  }

  @Can('story.publish')
  @Post('deliveries/:id/resend')
  @HttpCode(200)
  resend(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(ResendDeliverySchema)) _body: object,
    @CurrentPrincipal() user: Principal,
  ): Promise<Delivery> {
    return this.distribution.resend(params.id, user);
  }

  @Can('distribution.manage')
  @Get('distribution/settings')
  settings(): Promise<DistributionSettings> {
    return this.distribution.settings();
  }

  @Can('distribution.manage')
  @Put('distribution/settings')
  updateSettings(
    @Body(new ZodPipe(UpdateDistributionSettingsSchema)) body: UpdateDistributionSettingsInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<DistributionSettings> {
    return this.distribution.updateSettings(body, user);
  }

  @Can('distribution.manage')
  @Get('distribution/destinations')
  destinations(): Promise<DestinationList> {
    return this.distribution.destinations();
  }

  @Can('distribution.manage')
  @Post('distribution/destinations')
  createDestination(
    @Body(new ZodPipe(CreateDestinationSchema)) body: CreateDestinationInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Destination> {
    return this.distribution.createDestination(body, user);
  }

  @Can('distribution.manage')
  @Patch('distribution/destinations/:id')
  updateDestination(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateDestinationSchema)) body: UpdateDestinationInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Destination> {
    return this.distribution.updateDestination(params.id, body, user);
  }

  @Can('distribution.manage')
  @Delete('distribution/destinations/:id')
  @HttpCode(204)
  deleteDestination(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(DestinationDeleteQuerySchema)) query: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    return this.distribution.deleteDestination(params.id, query.version, user);
  }
}
