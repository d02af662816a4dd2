import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ParseTranscriptRequestSchema,
  SpellingDeskQuerySchema,
  type ParseTranscriptRequest,
  type ParseTranscriptResponse,
  type SpellingDeskPage,
  type SpellingDeskQuery,
} from '@newsdesk/contracts';
import { Can } from '../auth/can.decorator.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { SpellingDeskService } from './spelling-desk.service.js';
import { TranscriptsService } from './transcripts.service.js';

/** Transcript import for the story editor (saving is part of the story: `transcript` on a story write). */
@Controller('api/transcripts')
export class TranscriptsController {
  constructor(
    private readonly transcripts: TranscriptsService,
    private readonly desk: SpellingDeskService,
  ) {}

  /** The "(ph)" desk: stories with unverified spellings, newest edit first, each with its spans; `program` filters. */
  @Can('story.read')
  @Get('spellings')
  spellings(@Query(new ZodPipe(SpellingDeskQuerySchema)) query: SpellingDeskQuery): Promise<SpellingDeskPage> {
    return this.desk.page(query);
  }

  /** Pasted text (or a VTT, SRT or speech-to-text JSON file: `format`) -> turns with matched speakers, the labels nobody matched, and the credit line. */
  @Can('story.write')
  @Post('parse')
  @HttpCode(200)
  parse(@Body(new ZodPipe(ParseTranscriptRequestSchema)) body: ParseTranscriptRequest): Promise<ParseTranscriptResponse> {
    return this.transcripts.parse(body.text, body.format, body.storyId);
  }
}
