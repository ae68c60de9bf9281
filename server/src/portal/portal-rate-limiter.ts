import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Milliseconds clock of the rate limiter (injected so tests can move time). */
export const PORTAL_NOW_MS = Symbol('PORTAL_NOW_MS');

interface Bucket {
  tokens: number;
  updatedMs: number;
  /** When the last refusal of this client was audited (one entry per minute of refusals, not one per request). */
  auditedMs: number;
}

/**
 * Token buckets by key: `capacity` requests per minute, in bursts of at most that many; a refusal says how long to
 * wait and whether to audit it (one audit entry per minute of refusals, not one per request). In memory: each server
 * process counts alone (with N processes a key gets up to N × the limit), which is enough to stop a runaway caller;
 * a shared limit would need the database or a cache.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly capacity: number, private readonly nowMs: () => number) {
    this.perMs = capacity / 60_000;
  }

  /** Takes a token: null when allowed, else the seconds to wait and whether to audit this refusal. */
  take(key: string): { retryAfter: number; audit: boolean } | null {
    const now = this.nowMs();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, updatedMs: now, auditedMs: -Infinity };
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.updatedMs) * this.perMs);
    b.updatedMs = now;
    if (this.buckets.size > 10_000 && !this.buckets.has(key)) this.buckets.clear(); // bounded under a spray of keys
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    const audit = now - b.auditedMs >= 60_000;
    if (audit) b.auditedMs = now;
    return { retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)), audit };
  }
}

/** Each portal client's rate: `portalRateLimitPerMinute` card requests per minute. */
@Injectable()
export class PortalRateLimiter extends TokenBuckets {
  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(PORTAL_NOW_MS) nowMs: () => number) {
    super(config.portalRateLimitPerMinute, nowMs);
  }
}
