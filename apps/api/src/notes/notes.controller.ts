import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateNoteSchema,
  IdParamSchema,
  ListMentionsQuerySchema,
  ListNotesQuerySchema,
  NoteDeleteQuerySchema,
  StaffDirectoryQuerySchema,
  UpdateNoteSchema,
  type CreateNoteInput,
  type ListMentionsQuery,
  type ListNotesQuery,
  type MentionPage,
  type Note,
  type NoteList,
  type StaffDirectory,
  type StaffDirectoryQuery,
  type UpdateNoteInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { NotesService } from './notes.service.js';

const id = new ZodPipe(IdParamSchema);

/** Editorial notes on stories, the signed-in user's mentions, and the staff directory for @mentions. */
@Controller('api')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Can('story.note')
  @Get('stories/:id/notes')
  list(@Param(id) params: { id: string }, @Query(new ZodPipe(ListNotesQuerySchema)) query: ListNotesQuery): Promise<NoteList> {
    return this.notes.list(params.id, query.state);
  }

  @Can('story.note')
  @Post('stories/:id/notes')
  create(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(CreateNoteSchema)) body: CreateNoteInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Note> {
    return this.notes.create(params.id, body, user);
  }

  @Can('story.note')
  @Patch('notes/:id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateNoteSchema)) body: UpdateNoteInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Note> {
    return this.notes.update(params.id, body, user);
  }

  @Can('story.note')
  @Delete('notes/:id')
  @HttpCode(204)
  async remove(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(NoteDeleteQuerySchema)) query: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    await this.notes.remove(params.id, query.version, user);
  }

  @Can('story.note')
  @Get('me/mentions')
  mentions(
    @Query(new ZodPipe(ListMentionsQuerySchema)) query: ListMentionsQuery,
    @CurrentPrincipal() user: Principal,
  ): Promise<MentionPage> {
    return this.notes.mentions(query, user);
  }

  @Can('story.note')
  @Post('me/mentions/:id/read')
  @HttpCode(204)
  async markRead(@Param(id) params: { id: string }, @CurrentPrincipal() user: Principal): Promise<void> {
    await this.notes.markRead(params.id, user);
  }

  @Can('story.note')
  @Get('staff')
  directory(@Query(new ZodPipe(StaffDirectoryQuerySchema)) query: StaffDirectoryQuery): Promise<StaffDirectory> {
    return this.notes.directory(query);
  }
}
