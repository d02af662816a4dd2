import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { NoQuerySchema, UpdateNewsroomSettingsSchema, type NewsroomSettings, type UpdateNewsroomSettingsInput } from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { SettingsService } from './settings.service.js';

/** Newsroom-wide settings: everyone on staff reads them (the editor shows the rule), admins change them. */
@Controller('api/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Can('story.read')
  @Get()
  get(@Query(new ZodPipe(NoQuerySchema)) _query: object): Promise<NewsroomSettings> {
    return this.settings.get();
  }

  @Can('settings.manage')
  @Patch()
  update(@Body(new ZodPipe(UpdateNewsroomSettingsSchema)) body: UpdateNewsroomSettingsInput, @CurrentPrincipal() user: Principal) {
    return this.settings.update(body, user);
  }
}
