import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ThrottleVerdict {
  blocked: boolean;
  retryAfterSeconds: number;
}

/** Failures before delays start, per scope; delays then double from 5 s up to 15 minutes. Never permanent. */
const LIMITS = { account: 5, address: 20 } as const;
const BASE_DELAY_S = 5;
const MAX_DELAY_S = 15 * 60;
/** Failures older than this are forgotten. */
const DECAY = '1 hour';

export type ThrottleScope = keyof typeof LIMITS;

/** Per-account and per-address sign-in throttling with growing delays (sign_in_throttle table). */
@Injectable()
export class SignInThrottleService {
  constructor(private readonly dataSource: DataSource) {}

  async check(keys: { scope: ThrottleScope; id: string }[]): Promise<ThrottleVerdict> {
    const rows: { wait: number | null }[] = await this.dataSource.query(
      `SELECT max(ceil(extract(epoch FROM blocked_until - now())))::int AS wait
         FROM sign_in_throttle WHERE key = ANY($1) AND blocked_until > now()`,
      [keys.map(keyOf)],
    );
    const wait = rows[0]?.wait ?? null;
    return wait !== null && wait > 0 ? { blocked: true, retryAfterSeconds: wait } : { blocked: false, retryAfterSeconds: 0 };
  }

  /** Counts a failure; returns the scopes that became blocked by it, with their delay. */
  async fail(keys: { scope: ThrottleScope; id: string }[]): Promise<{ scope: ThrottleScope; seconds: number; failures: number }[]> {
    const blocked: { scope: ThrottleScope; seconds: number; failures: number }[] = [];
    for (const k of keys) {
      const rows: { failures: number }[] = await this.dataSource.query(
        `INSERT INTO sign_in_throttle AS t (key, failures, last_failure_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.last_failure_at < now() - interval '${DECAY}' THEN 1 ELSE t.failures + 1 END,
           last_failure_at = now()
         RETURNING failures`,
        [keyOf(k)],
      );
      const failures = rows[0]!.failures;
      const over = failures - LIMITS[k.scope];
      if (over >= 0) {
        const seconds = Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** Math.min(over, 20));
        await this.dataSource.query(
          `UPDATE sign_in_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE key = $1`,
          [keyOf(k), seconds],
        );
        blocked.push({ scope: k.scope, seconds, failures });
      }
    }
    return blocked;
  }

  async succeed(account: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_throttle WHERE key = $1', [keyOf({ scope: 'account', id: account })]);
  }
}

function keyOf(k: { scope: ThrottleScope; id: string }): string {
  return `${k.scope}:${k.id.toLowerCase()}`;
}
