import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { MEDIA_MAX_BYTES } from '@newsdesk/contracts';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { frameworkErrors } from './common/framework-errors.js';
import { boundedJsonParser } from './common/json-body.js';
import { PinoLoggerService, requestIdFrom, runWithRequestContext } from './common/logger.js';
import { lifecycle } from './health/lifecycle.js';
import { Metrics } from './metrics/metrics.service.js';
import { isStaffApiPath, useSecurityHeaders } from './common/security-headers.js';
import { PublicCache } from './public/public-cache.service.js';
import type { Config } from './config.js';

/** 1 MiB: a story body is at most 500,000 characters; anything larger is refused with 413. */
const BODY_LIMIT = 1024 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Presence updates and lock changes (several a second while editors type) change no public content. */
const PRESENCE_WRITE = /^\/api\/stories\/[^/?]+\/(presence|lock)(\/take-over)?(\?|$)/;
/** 6 MiB for the transcript import route: a caption or speech-to-text file of up to 5,000,000 characters, JSON-escaped. */
const TRANSCRIPT_IMPORT_BODY_LIMIT = 6 * 1024 * 1024;

/** Builds the HTTP application (not yet listening). Used by main.ts and by the integration tests. */
export async function createApp(config: Config, dataSource: DataSource, logger: Pino): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    trustProxy: config.TRUST_PROXY,
    // Slugs can be long; Fastify's default of 100 would 404 them.
    routerOptions: { maxParamLength: 400 },
    // 1 MiB: a story body is at most 500,000 characters; anything larger is refused with 413.
    bodyLimit: BODY_LIMIT,
    // A malformed or overlong path answers problem+json too.
    frameworkErrors,
    // The request id: the caller's X-Request-Id when it is a short safe token, else a fresh UUID.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    // One line per request, written by the onResponse hook below (not Fastify's two).
    logController: new LogController({ disableRequestLogging: true }),
    // Requests on a kept-alive connection during close() are served, not refused with 503.
    return503OnClosing: false,
  });
  requestLifecycle(adapter.getInstance(), logger);
  adapter.getInstance().addHook('onRoute', (route) => {
    if (route.url === '/api/transcripts/parse') route.bodyLimit = TRANSCRIPT_IMPORT_BODY_LIMIT;
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.create(config, dataSource), adapter, {
    logger: new PinoLoggerService(logger),
  });
  useSecurityHeaders(app.getHttpAdapter().getInstance());
  // JSON bodies: UTF-8, at most JSON_MAX_DEPTH deep (400 beyond, in one pass before parsing).
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT }, boundedJsonParser(app.getHttpAdapter().getInstance()));
  await app.register(fastifyCookie);
  // A successful staff write drops this process's public cache before its answer leaves, so the
  // writer's next read is fresh; other processes hear of it through the database (PublicCache).
  const cache = app.get(PublicCache);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400 && !PRESENCE_WRITE.test(request.url)) cache.clear();
      // Staff answers tell their server time (issue #16: the admin's budgets are in server time).
      if (isStaffApiPath(request.url)) void reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
      done(null, payload);
    });
  const metrics = app.get(Metrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      metrics.observe(request.method, routeOf(request), reply.statusCode, reply.elapsedTime / 1000, reply.getHeader('x-cache'));
      done();
    });
  // Media uploads (POST /api/media): one image up to MEDIA_MAX_BYTES (413 above), a few text fields.
  await app.register(fastifyMultipart, { limits: { fileSize: MEDIA_MAX_BYTES, files: 2, fields: 10, fieldSize: 4096, parts: 12 } });
  app.enableCors({ origin: config.ADMIN_ORIGIN.split(',').map((origin) => origin.trim()), credentials: true });
  return app;
}

/** The route template ('/api/stories/:id'), never the raw URL; '(unmatched)' for a path no route has. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(unmatched)';
}

/**
 * Per request: its id in an async context (audit rows and outbox events read it), echoed as
 * X-Request-Id; `Connection: close` while draining; and one JSON log line when it is answered:
 * id, method, route template, status, duration, user id. Never a header, a body, a query string
 * or a cookie (tokens travel in them): test/prod-shape.e2e-spec.ts greps the logs for secrets.
 */
function requestLifecycle(fastify: FastifyInstance, logger: Pino): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    if (lifecycle.draining) void reply.header('Connection', 'close');
    runWithRequestContext({ requestId: request.id }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const principal = (request as FastifyRequest & { principal?: { userId: string } }).principal;
    const line = {
      requestId: request.id,
      method: request.method,
      route: routeOf(request),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: principal?.userId ?? null,
    };
    if (reply.statusCode >= 500) logger.warn(line, 'request');
    // Probes (a proxy's health checks every second or two) only at debug level.
    else if (line.route.startsWith('/health')) logger.debug(line, 'request');
    else logger.info(line, 'request');
    done();
  });
}
