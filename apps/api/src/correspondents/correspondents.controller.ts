import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CorrespondentTransitionSchema,
  CreateCorrespondentSchema,
  IdParamSchema,
  ListCorrespondentsQuerySchema,
  UpdateCorrespondentSchema,
  type Correspondent,
  type CorrespondentPage,
  type CreateCorrespondentInput,
  type ListCorrespondentsQuery,
  type UpdateCorrespondentInput,
} from '@newsdesk/contracts';
import { z } from 'zod';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { CorrespondentsService } from './correspondents.service.js';

const id = new ZodPipe(IdParamSchema);
const DeleteQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

/** Correspondents' profiles: admins write (`correspondent.write`); editors and producers read. */
@Controller('api/correspondents')
export class CorrespondentsController {
  constructor(private readonly correspondents: CorrespondentsService) {}

  @Can('correspondent.read')
  @Get()
  list(@Query(new ZodPipe(ListCorrespondentsQuerySchema)) query: ListCorrespondentsQuery): Promise<CorrespondentPage> {
    return this.correspondents.list(query);
  }

  @Can('correspondent.write')
  @Post()
  create(
    @Body(new ZodPipe(CreateCorrespondentSchema)) body: CreateCorrespondentInput,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Correspondent> {
    return this.correspondents.create(body, actor);
  }

  @Can('correspondent.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<Correspondent> {
    return this.correspondents.get(params.id);
  }

  @Can('correspondent.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateCorrespondentSchema)) body: UpdateCorrespondentInput,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Correspondent> {
    return this.correspondents.update(params.id, body, actor);
  }

  /** 409 naming the stories while any story carries the byline; the person stays in the registry. */
  @Can('correspondent.write')
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(DeleteQuerySchema)) query: { version: number },
    @CurrentPrincipal() actor: Principal,
  ): Promise<void> {
    await this.correspondents.remove(params.id, query.version, actor);
  }

  @Can('correspondent.write')
  @Post(':id/publish')
  @HttpCode(200)
  publish(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(CorrespondentTransitionSchema)) body: { version: number },
    @CurrentPrincipal() actor: Principal,
  ): Promise<Correspondent> {
    return this.correspondents.publish(params.id, body.version, actor);
  }

  @Can('correspondent.write')
  @Post(':id/unpublish')
  @HttpCode(200)
  unpublish(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(CorrespondentTransitionSchema)) body: { version: number },
    @CurrentPrincipal() actor: Principal,
  ): Promise<Correspondent> {
    return this.correspondents.unpublish(params.id, body.version, actor);
  }
}
