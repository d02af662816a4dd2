import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ThrottledError } from '../common/errors.js';

const WINDOW_MINUTES = 15;
/** Failed logins allowed per account, and per client address, in the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

/** Login throttling, kept in PostgreSQL so it holds across API processes. */
@Injectable()
export class LoginThrottleService {
  constructor(private readonly db: DataSource) {}

  /** Throws ThrottledError (429 + Retry-After) when the account or the address has failed too often. */
  async check(email: string, ip: string): Promise<void> {
    const [row]: Array<{ by_email: number; by_ip: number; retry_after: number | null }> = await this.db.query(
      `WITH recent AS (
         SELECT email, ip, failed_at FROM login_failures
          WHERE (email = $1 OR ip = $2) AND failed_at > now() - make_interval(mins => $3))
       SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
              count(*) FILTER (WHERE ip = $2)::int AS by_ip,
              ceil(extract(epoch FROM min(failed_at) + make_interval(mins => $3) - now()))::int AS retry_after
         FROM recent`,
      [email, ip, WINDOW_MINUTES],
    );
    if (row && (row.by_email >= MAX_FAILURES_PER_ACCOUNT || row.by_ip >= MAX_FAILURES_PER_IP)) {
      throw new ThrottledError(Math.max(1, row.retry_after ?? WINDOW_MINUTES * 60));
    }
  }

  async recordFailure(tx: EntityManager, email: string, ip: string): Promise<void> {
    await tx.query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [email, ip]);
    await tx.query(`DELETE FROM login_failures WHERE failed_at < now() - make_interval(mins => $1)`, [WINDOW_MINUTES * 4]);
  }

  async clear(tx: EntityManager, email: string): Promise<void> {
    await tx.query(`DELETE FROM login_failures WHERE email = $1`, [email]);
  }
}
