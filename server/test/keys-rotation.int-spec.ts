import { createPublicKey, verify } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionRunner } from '../src/database/transaction';
import { KeysService } from '../src/keys/keys.service';
import { startTestApp, type TestApp } from './harness';

interface Signed {
  kid: string;
  input: Buffer;
  signature: Uint8Array;
  /** Database clock once the signer was handed over, and just before the transaction commits. */
  startedAt: Date;
  endedAt: Date;
}

/**
 * Rotation while cards are being signed never yields a card signed by a key that was not active at that moment.
 * Each signing transaction notes the database clock when it got the signer and again just before it commits (after
 * a pause, as a real issuance spends time building, signing and recording the card); the lifecycle stamps its
 * activated_at / retired_at with the clock after taking its locks. So every signature must fall inside its key's
 * active interval. Without the share lock (and the signing gate) a rotation would retire a key while a card signed
 * with it is still in flight, and its endedAt would come after the key's retired_at.
 */
describe('key rotation during card signing', () => {
  let t: TestApp;
  let keys: KeysService;
  let tx: TransactionRunner;

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_KEY_PREPUBLISH_DAYS: '0' }, { listen: true });
    keys = t.app.get(KeysService);
    tx = t.app.get(TransactionRunner);
  });
  afterAll(async () => {
    await t.close();
  });

  it('never records a signature by a key outside its active interval, and never fails during a rotation', async () => {
    const activate = async (n: number) => {
      const k = await keys.create(`Rotation test key ${n}`, { actorUsername: 'test' });
      await keys.activate(k.id, { reason: `Rotation test, step ${n}` }, { actorUsername: 'test' });
    };
    await activate(0);

    const signed: Signed[] = [];
    const failures: string[] = [];
    let stop = false;
    const clock = async (m: { query(q: string): Promise<{ now: Date }[]> }) => (await m.query('SELECT clock_timestamp() AS now'))[0]!.now;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const input = Buffer.from(`card ${w}.${i}`);
          const s = await tx.run((m) => keys.withActiveSigner(m, async (active) => {
            const startedAt = await clock(m);
            const signature = await active.signer.sign(input);
            await sleep(2 + ((w * 7 + i) % 9));
            return { kid: active.kid, input, signature, startedAt, endedAt: await clock(m) };
          }));
          signed.push(s);
        } catch (err) {
          failures.push(err instanceof Error ? err.message : String(err));
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    const rotations = 5;
    for (let n = 1; n <= rotations; n++) {
      await sleep(60);
      await activate(n);
    }
    await sleep(60);
    stop = true;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    const rows = await t.sql<{ kid: string; x: string; y: string; activated_at: Date; retired_at: Date | null }>(
      `SELECT kid, public_jwk->>'x' AS x, public_jwk->>'y' AS y, activated_at, retired_at FROM issuer_key`,
    );
    const byKid = new Map(rows.map((r) => [r.kid, r]));
    expect(rows.filter((r) => r.retired_at === null)).toHaveLength(1);

    const outside: string[] = [];
    for (const s of signed) {
      const k = byKid.get(s.kid)!;
      const pub = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: k.x, y: k.y }, format: 'jwk' });
      if (!verify('sha256', s.input, { key: pub, dsaEncoding: 'ieee-p1363' }, s.signature)) outside.push(`${s.input.toString()}: bad signature`);
      if (s.startedAt < k.activated_at) outside.push(`${s.input.toString()}: started ${s.startedAt.toISOString()} before ${s.kid} was activated (${k.activated_at.toISOString()})`);
      if (k.retired_at && s.endedAt > k.retired_at) outside.push(`${s.input.toString()}: still signing with ${s.kid} at ${s.endedAt.toISOString()}, after it was retired (${k.retired_at.toISOString()})`);
    }
    expect(outside).toEqual([]);

    // the run really overlapped the rotations: every key signed, and plenty of cards were in flight throughout
    const perKey = new Map<string, number>();
    for (const s of signed) perKey.set(s.kid, (perKey.get(s.kid) ?? 0) + 1);
    expect(perKey.size).toBe(rotations + 1);
    expect(signed.length).toBeGreaterThan(100);
  });
});
