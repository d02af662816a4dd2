import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  CreateShareLinkSchema,
  IdParamSchema,
  ShareTokenParamSchema,
  type CreatedShareLink,
  type CreateShareLinkInput,
  type ShareLinkList,
  type StoryPreview,
} from '@newsdesk/contracts';
import type { FastifyRequest } from 'fastify';
import { Can, CurrentPrincipal, Public } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { ShareLinksService } from './share-links.service.js';

const id = new ZodPipe(IdParamSchema);

/** Share links: made and listed on a story by staff, opened by guests at /api/shared/{token} (never under /api/public). */
@Controller('api')
export class ShareLinksController {
  constructor(private readonly links: ShareLinksService) {}

  @Can('story.read')
  @Get('stories/:id/share-links')
  list(@Param(id) params: { id: string }): Promise<ShareLinkList> {
    return this.links.list(params.id);
  }

  @Can('story.write')
  @Post('stories/:id/share-links')
  create(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(CreateShareLinkSchema)) body: CreateShareLinkInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<CreatedShareLink> {
    return this.links.create(params.id, body, user);
  }

  @Can('story.write')
  @Delete('share-links/:id')
  @HttpCode(204)
  async revoke(@Param(id) params: { id: string }, @CurrentPrincipal() user: Principal): Promise<void> {
    await this.links.revoke(params.id, user);
  }

  /** A guest's view of a shared story: never cached, never indexed, never through the public cache. */
  @Public()
  @Get('shared/:token')
  @Header('Cache-Control', 'no-store')
  @Header('X-Robots-Tag', 'noindex')
  @Header('Referrer-Policy', 'no-referrer')
  open(@Param(new ZodPipe(ShareTokenParamSchema)) params: { token: string }, @Req() request: FastifyRequest): Promise<StoryPreview> {
    return this.links.open(params.token, request.ip);
  }
}
