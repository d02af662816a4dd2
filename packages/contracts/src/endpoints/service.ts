import { HealthSchema, LivenessSchema } from '../common.js';
import type { Endpoint } from '../endpoints.js';

/** Health, readiness and the API documentation. */
export const SERVICE_ENDPOINTS = {
  'health.check': {
    method: 'get',
    path: '/health',
    summary: 'Readiness (as /health/ready; kept for compatibility): 503 when a check is down',
    tag: 'service',
    permission: 'public',
    response: HealthSchema,
  },
  'health.live': {
    method: 'get',
    path: '/health/live',
    summary: 'Liveness: the process answers (no dependency checked)',
    tag: 'service',
    permission: 'public',
    response: LivenessSchema,
  },
  'health.ready': {
    method: 'get',
    path: '/health/ready',
    summary: 'Readiness: database, migrations, outbox lag, cache listener; 503 when one is down',
    tag: 'service',
    permission: 'public',
    response: HealthSchema,
  },
  'metrics.scrape': {
    method: 'get',
    path: '/metrics',
    summary:
      'Prometheus metrics (text format) for a scraper: `Authorization: Bearer <METRICS_TOKEN>` (401 without it); 404 when METRICS_TOKEN is not set. Not routed by the proxy: scrape each replica',
    tag: 'service',
    permission: 'public',
  },
  'docs.openapi': { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'service', permission: 'public' },
  'docs.ui': { method: 'get', path: '/api/docs', summary: 'Swagger UI', tag: 'service', permission: 'public' },
  'docs.asset': { method: 'get', path: '/api/docs/{asset}', summary: 'Swagger UI assets', tag: 'service', permission: 'public' },
} as const satisfies Record<string, Endpoint>;
