import { MetricsController } from './metrics.controller.js';
import { MetricsRepository } from './metrics.repository.js';
import { Metrics } from './metrics.service.js';

export const METRICS_CONTROLLERS = [MetricsController];
export const METRICS_PROVIDERS = [MetricsRepository, Metrics];
