import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreatePersonSchema,
  IdParamSchema,
  ListPeopleQuerySchema,
  MergePersonSchema,
  UpdatePersonSchema,
  type CreatePersonInput,
  type ListPeopleQuery,
  type MergePersonInput,
  type Person,
  type PersonPage,
  type UpdatePersonInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { PeopleService } from './people.service.js';
import { PersonMergeService } from './person-merge.service.js';

const id = new ZodPipe(IdParamSchema);

/** The people registry: editors and admins write (`story.write`, like the stories that name them); producers read. */
@Controller('api/people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly merges: PersonMergeService,
  ) {}

  @Can('story.read')
  @Get()
  list(@Query(new ZodPipe(ListPeopleQuerySchema)) query: ListPeopleQuery): Promise<PersonPage> {
    return this.people.list(query);
  }

  @Can('story.write')
  @Post()
  create(@Body(new ZodPipe(CreatePersonSchema)) body: CreatePersonInput, @CurrentPrincipal() actor: Principal): Promise<Person> {
    return this.people.create(body, actor);
  }

  @Can('story.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<Person> {
    return this.people.get(params.id);
  }

  @Can('story.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdatePersonSchema)) body: UpdatePersonInput,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Person> {
    return this.people.update(params.id, body, actor);
  }

  /** Merges this person (a duplicate) into `intoId`; answers the survivor. */
  @Can('story.write')
  @Post(':id/merge')
  @HttpCode(200)
  merge(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(MergePersonSchema)) body: MergePersonInput,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Person> {
    return this.merges.merge(params.id, body, actor);
  }
}
