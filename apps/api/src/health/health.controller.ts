import { Controller, Get, Res } from '@nestjs/common';
import type { Health } from '@newsdesk/contracts';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/can.decorator.js';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  /** 200 when the database answers within a second, 503 otherwise. */
  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const up = await Promise.race([
      this.db.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((resolve) => setTimeout(resolve, 1000, false).unref()),
    ]);
    const body: Health = up ? { status: 'ok', db: 'up' } : { status: 'error', db: 'down' };
    void reply.status(up ? 200 : 503).header('Cache-Control', 'no-store').send(body);
  }
}
