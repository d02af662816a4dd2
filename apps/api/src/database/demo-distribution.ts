import type { DataSource } from 'typeorm';
import { one } from '../common/db.js';

/**
 * Demo distribution (issue 18): the station's CDS settings (document id prefix `demo`, organization
 * service id `s1`) and a disabled NPR CDS destination pointing at NPR's staging host with no token,
 * so `npm start` shows the Distribution panel, its checks and the settings page without sending
 * anything anywhere. An admin adds the token and enables it. Loaded once (while no destination
 * exists): returns false when present.
 */
export async function loadDemoDistribution(db: DataSource): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await one<{ n: string }>(tx, `SELECT count(*) AS n FROM distribution_destinations`);
    if (Number(existing?.n ?? 0) > 0) return false;
    await tx.query(
      `UPDATE distribution_settings SET cds_prefix = COALESCE(cds_prefix, 'demo'), cds_service_id = COALESCE(cds_service_id, 's1'), updated_at = now()`,
    );
    await tx.query(
      `INSERT INTO distribution_destinations (name, kind, url, token, enabled) VALUES ('NPR CDS (staging)', 'cds', 'https://stage-content.api.npr.org', NULL, false)`,
    );
    return true;
  });
}
