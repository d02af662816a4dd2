import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

export type ThrottleScope = 'address' | 'account_address' | 'account';

/** The answer of the reservation statement. `id` is null when the attempt was refused. */
export interface ReservationRow {
  id: string | null;
  by_ip: number;
  by_pair: number;
  pair_retry: number | null;
  ip_retry: number | null;
  account_failures: number;
}

export interface ThrottleHitRow {
  id: string;
  hits: number;
}

export interface ThrottleRow {
  id: string;
  scope: ThrottleScope;
  ip: string;
  email: string;
  hits: number;
  first_at: Date;
  last_at: Date;
  attempts: number;
  accounts: string[];
  address_count: number;
}

/**
 * Every SQL statement of sign-in throttling. The reservation is atomic: a transaction takes an
 * advisory lock per client address (every limit that refuses is keyed by the address: the
 * address, or the account at the address), then ONE statement counts the window and inserts the
 * attempt only when it is under both limits. A concurrent attempt from the same address waits for
 * the lock and then sees the committed reservation, so N parallel requests never get more than
 * the limit through to the password check.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  reserve(email: string, ip: string, windowMinutes: number, perPair: number, perAddress: number): Promise<ReservationRow> {
    return this.db.transaction(async (tx) => {
      await exec(tx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`newsdesk.login:${ip}`]);
      const row = await one<ReservationRow>(
        tx,
        `WITH recent AS (
           SELECT email, attempted_at FROM login_attempts
            WHERE ip = $2 AND attempted_at > now() - make_interval(mins => $3)
         ), counts AS (
           SELECT count(*)::int AS by_ip,
                  count(*) FILTER (WHERE email = $1)::int AS by_pair,
                  min(attempted_at) AS oldest_ip,
                  min(attempted_at) FILTER (WHERE email = $1) AS oldest_pair
             FROM recent
         ), reserved AS (
           INSERT INTO login_attempts (email, ip)
           SELECT $1, $2 FROM counts WHERE by_pair < $4 AND by_ip < $5
           RETURNING id
         )
         SELECT (SELECT id::text FROM reserved) AS id, c.by_ip, c.by_pair,
                ceil(extract(epoch FROM c.oldest_pair + make_interval(mins => $3) - now()))::int AS pair_retry,
                ceil(extract(epoch FROM c.oldest_ip + make_interval(mins => $3) - now()))::int AS ip_retry,
                (SELECT count(*)::int FROM login_attempts
                  WHERE email = $1 AND failed AND attempted_at > now() - make_interval(mins => $3)) AS account_failures
           FROM counts c`,
        [email, ip, windowMinutes, perPair, perAddress],
      );
      if (!row) throw new Error('the reservation statement returned no row');
      return row;
    });
  }

  /** The attempt failed: its reservation stays, marked failed; old attempts are pruned. */
  async markFailed(tx: Db, id: string): Promise<void> {
    await exec(tx, `UPDATE login_attempts SET failed = true WHERE id = $1`, [id]);
    await exec(tx, `DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 hour'`);
  }

  /** A success releases its reservation and forgets the account's failures from this address. */
  async release(tx: Db, id: string, email: string, ip: string): Promise<void> {
    await exec(tx, `DELETE FROM login_attempts WHERE id = $1 OR (email = $2 AND ip = $3 AND failed)`, [id, email, ip]);
  }

  /** Counts a refused (or slowed-down) attempt against the throttle entry; hits = 1 starts a new episode. */
  async hit(scope: ThrottleScope, ip: string, email: string, windowMinutes: number): Promise<ThrottleHitRow> {
    const row = await one<ThrottleHitRow>(
      this.db,
      `INSERT INTO login_throttles AS t (scope, ip, email) VALUES ($1, $2, $3)
       ON CONFLICT (scope, ip, email) DO UPDATE SET
         hits = CASE WHEN t.last_at < now() - make_interval(mins => $4) THEN 1 ELSE t.hits + 1 END,
         first_at = CASE WHEN t.last_at < now() - make_interval(mins => $4) THEN now() ELSE t.first_at END,
         last_at = now()
       RETURNING id, hits`,
      [scope, ip, email, windowMinutes],
    );
    await exec(this.db, `DELETE FROM login_throttles WHERE last_at < now() - interval '7 days'`);
    if (!row) throw new Error('the throttle upsert returned no row');
    return row;
  }

  /** Throttle entries seen in the last `hours`, newest first, with what the current window holds. */
  list(windowMinutes: number, hours: number): Promise<ThrottleRow[]> {
    return rows<ThrottleRow>(
      this.db,
      `SELECT t.id, t.scope, t.ip, t.email, t.hits, t.first_at, t.last_at,
              CASE t.scope
                WHEN 'address' THEN (SELECT count(*) FROM login_attempts a WHERE a.ip = t.ip AND a.attempted_at > now() - make_interval(mins => $1))
                WHEN 'account_address' THEN (SELECT count(*) FROM login_attempts a WHERE a.ip = t.ip AND a.email = t.email AND a.attempted_at > now() - make_interval(mins => $1))
                ELSE (SELECT count(*) FROM login_attempts a WHERE a.email = t.email AND a.failed AND a.attempted_at > now() - make_interval(mins => $1))
              END::int AS attempts,
              CASE WHEN t.scope = 'address'
                THEN ARRAY(SELECT DISTINCT a.email FROM login_attempts a WHERE a.ip = t.ip AND a.attempted_at > now() - make_interval(mins => $1) ORDER BY 1 LIMIT 100)
                ELSE ARRAY[t.email]
              END AS accounts,
              CASE WHEN t.scope = 'account'
                THEN (SELECT count(DISTINCT a.ip) FROM login_attempts a WHERE a.email = t.email AND a.failed AND a.attempted_at > now() - make_interval(mins => $1))
                ELSE 1
              END::int AS address_count
         FROM login_throttles t
        WHERE t.last_at > now() - make_interval(hours => $2)
        ORDER BY t.last_at DESC, t.id
        LIMIT 200`,
      [windowMinutes, hours],
    );
  }

  /** Deletes the entry and the attempts it counts (so the address or account may try again at once). */
  async clear(tx: Db, id: string): Promise<Pick<ThrottleRow, 'scope' | 'ip' | 'email'> | null> {
    const row = await one<Pick<ThrottleRow, 'scope' | 'ip' | 'email'>>(
      tx,
      `DELETE FROM login_throttles WHERE id = $1 RETURNING scope, ip, email`,
      [id],
    );
    if (!row) return null;
    if (row.scope === 'address') await exec(tx, `DELETE FROM login_attempts WHERE ip = $1`, [row.ip]);
    else if (row.scope === 'account_address')
      await exec(tx, `DELETE FROM login_attempts WHERE ip = $1 AND email = $2`, [row.ip, row.email]);
    else await exec(tx, `DELETE FROM login_attempts WHERE email = $1 AND failed`, [row.email]);
    return row;
  }
}
