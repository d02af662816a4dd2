import { Controller, Get, Query } from '@nestjs/common';
import { AuditQuerySchema, type AuditPage, type AuditQuery } from '@newsdesk/contracts';
import { Can } from '../auth/can.decorator.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { AuditService } from './audit.service.js';

/** The audit log, newest first, filtered and cursor-paged. Admins only. */
@Can('audit.read')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query(new ZodPipe(AuditQuerySchema)) query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
