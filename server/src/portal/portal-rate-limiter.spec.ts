import type { AppConfig } from '../config/app-config';
import { PortalRateLimiter } from './portal-rate-limiter';

describe('portal rate limiter (token bucket per client)', () => {
  let now = 0;
  const limiter = () => new PortalRateLimiter({ portalRateLimitPerMinute: 60 } as AppConfig, () => now);

  it('allows a burst of the per-minute limit, then refuses with the wait until the next token', () => {
    now = 0;
    const l = limiter();
    for (let i = 0; i < 60; i++) expect(l.take('a')).toBeNull();
    expect(l.take('a')).toEqual({ retryAfter: 1, audit: true });
    expect(l.take('a')).toEqual({ retryAfter: 1, audit: false }); // one audit entry per minute of refusals
    expect(l.take('b')).toBeNull(); // buckets are per client
  });

  it('refills at the limit per minute, never above the burst', () => {
    now = 0;
    const l = limiter();
    for (let i = 0; i < 60; i++) l.take('a');
    now += 1000; // one token per second at 60/min
    expect(l.take('a')).toBeNull();
    expect(l.take('a')).not.toBeNull();
    now += 3_600_000;
    for (let i = 0; i < 60; i++) expect(l.take('a')).toBeNull();
    expect(l.take('a')).toMatchObject({ audit: true }); // a new minute of refusals is audited again
  });
});
