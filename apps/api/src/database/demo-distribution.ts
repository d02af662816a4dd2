import type { DataSource } from 'typeorm';
import { DistributionRepository } from '../distribution/distribution.repository.js';

/**
 * Demo distribution (issue 18): the station's CDS settings (document id prefix `demo`, organization
 * service id `s1`) and a disabled NPR CDS destination pointing at NPR's staging host with no token,
 * so `npm start` shows the Distribution panel, its checks and the settings page without sending
 * anything anywhere. An admin adds the token and enables it. Loaded once (while no destination
 * exists): returns false when present.
 */
export function loadDemoDistribution(db: DataSource): Promise<boolean> {
  return new DistributionRepository(db).loadDemo();
}
