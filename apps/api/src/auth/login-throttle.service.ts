import { Injectable } from '@nestjs/common';
import type { LoginThrottle, LoginThrottleList } from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { NotFoundError, ThrottledError } from '../common/errors.js';
import { LoginThrottleRepository, type ThrottleRow, type ThrottleScope } from './login-throttle.repository.js';
import type { Principal } from './principal.js';

/**
 * The sign-in policy (docs/security.md, "Sign-in and throttling"): sliding windows of 15 minutes.
 * Hard limits (429 + Retry-After) only where the attacker sits, i.e. keyed by the client address:
 * 5 attempts for one account from one address, 20 attempts from one address over all accounts
 * (password spraying). An account failing from many addresses is never refused (that would let
 * anyone lock a reporter out with their public email): from 10 failures in the window on, each
 * attempt for it waits a little longer before the password is checked, an audit entry is written
 * and the admins' throttle view shows it.
 */
export const WINDOW_MINUTES = 15;
export const MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS = 5;
export const MAX_ATTEMPTS_PER_ADDRESS = 20;
export const ACCOUNT_ALERT_FAILURES = 10;
/** Delay per failure beyond the alert threshold, and its ceiling. */
export const ACCOUNT_DELAY_STEP_MS = 250;
export const ACCOUNT_DELAY_MAX_MS = 5000;
/** How far back the admins' view reaches. */
const LIST_HOURS = 24;

/** An attempt that may go on to the password check; `delayMs` to wait first (account under attack). */
export interface LoginReservation {
  id: string;
  delayMs: number;
}

const LIMIT: Record<ThrottleScope, number> = {
  address: MAX_ATTEMPTS_PER_ADDRESS,
  account_address: MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS,
  account: ACCOUNT_ALERT_FAILURES,
};

const toDto = (row: ThrottleRow): LoginThrottle => ({
  id: row.id,
  scope: row.scope,
  address: row.scope === 'account' ? null : row.ip,
  accounts: row.accounts,
  addressCount: row.address_count,
  attempts: row.attempts,
  limit: LIMIT[row.scope],
  hits: row.hits,
  active: row.attempts >= LIMIT[row.scope],
  firstAt: row.first_at.toISOString(),
  lastAt: row.last_at.toISOString(),
});

/** Login throttling, kept in PostgreSQL so it holds across API processes. */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly repository: LoginThrottleRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Reserves one attempt for (email, ip) BEFORE the password is verified, atomically; throws
   * ThrottledError (429 + Retry-After) when the address, or the account at this address, is over
   * its limit.
   */
  async reserve(email: string, ip: string): Promise<LoginReservation> {
    const row = await this.repository.reserve(email, ip, WINDOW_MINUTES, MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS, MAX_ATTEMPTS_PER_ADDRESS);
    if (row.id === null) {
      const byPair = row.by_pair >= MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS;
      const byAddress = row.by_ip >= MAX_ATTEMPTS_PER_ADDRESS;
      const retry = Math.max(byPair ? (row.pair_retry ?? 0) : 0, byAddress ? (row.ip_retry ?? 0) : 0, 1);
      const scope: ThrottleScope = byAddress ? 'address' : 'account_address';
      await this.hit(scope, ip, scope === 'address' ? '' : email, { address: ip, email, retryAfter: retry });
      throw new ThrottledError(retry);
    }
    let delayMs = 0;
    if (row.account_failures >= ACCOUNT_ALERT_FAILURES) {
      delayMs = Math.min(ACCOUNT_DELAY_MAX_MS, ACCOUNT_DELAY_STEP_MS * (row.account_failures - ACCOUNT_ALERT_FAILURES + 1));
      await this.hit('account', '', email, { address: ip, email, failures: row.account_failures, delayMs });
    }
    return { id: row.id, delayMs };
  }

  failed(tx: EntityManager, reservation: LoginReservation): Promise<void> {
    return this.repository.markFailed(tx, reservation.id);
  }

  succeeded(tx: EntityManager, reservation: LoginReservation, email: string, ip: string): Promise<void> {
    return this.repository.release(tx, reservation.id, email, ip);
  }

  async list(): Promise<LoginThrottleList> {
    return { items: (await this.repository.list(WINDOW_MINUTES, LIST_HOURS)).map(toDto) };
  }

  async clear(id: string, actor: Principal, ip: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      const cleared = await this.repository.clear(tx, id);
      if (!cleared) throw new NotFoundError('Throttle entry');
      await this.audit.record(tx, {
        actor,
        action: 'throttle_cleared',
        entity: 'login_throttle',
        entityId: id,
        ip,
        diff: { scope: [cleared.scope, null], address: [cleared.ip || null, null], email: [cleared.email || null, null] },
      });
    });
  }

  /** Counts the hit; the first of an episode is audited (one entry per episode, not per request). */
  private async hit(scope: ThrottleScope, ip: string, email: string, detail: Record<string, unknown>): Promise<void> {
    const { id, hits } = await this.repository.hit(scope, ip, email, WINDOW_MINUTES);
    if (hits !== 1) return;
    await this.repository.transaction((tx) =>
      this.audit.record(tx, {
        actor: null,
        action: scope === 'account' ? 'login_account_targeted' : 'login_throttled',
        entity: 'login_throttle',
        entityId: id,
        ip: typeof detail.address === 'string' ? detail.address : null,
        diff: Object.fromEntries([['scope', scope], ...Object.entries(detail)].map(([key, value]) => [key, [null, value]])),
      }),
    );
  }
}
