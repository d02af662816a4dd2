import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger as Pino } from 'pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { PinoLoggerService } from './common/logger.js';
import type { Config } from './config.js';

/** Builds the HTTP application (not yet listening). Used by main.ts and by the integration tests. */
export async function createApp(config: Config, dataSource: DataSource, logger: Pino): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    trustProxy: config.TRUST_PROXY,
    // Slugs can be long; Fastify's default of 100 would 404 them.
    routerOptions: { maxParamLength: 400 },
    // 1 MiB: a story body is at most 500,000 characters; anything larger is refused with 413.
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.create(config, dataSource), adapter, {
    logger: new PinoLoggerService(logger),
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  await app.register(fastifyCookie);
  app.enableCors({ origin: config.ADMIN_ORIGIN.split(',').map((origin) => origin.trim()), credentials: true });
  return app;
}
