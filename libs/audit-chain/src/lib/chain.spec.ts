import { canonicalJson } from './canonical-json';
import { entryHash, GENESIS_HASH, verifyChain, type ChainedEntry } from './chain';
import { checkSignedHead, generateAuditKeyPem, publicKeyOf, signHead } from './signed-head';

function chain(n: number): (ChainedEntry & { hash: string })[] {
  const out: (ChainedEntry & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: ChainedEntry = {
      seq: String(i), occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), actorId: null,
      actorUsername: 'alice', actorRoles: ['auditor'], action: 'audit.searched', targetType: null, targetId: null,
      outcome: 'success', reason: null, requestId: `r${i}`, clientAddress: '127.0.0.1', userAgent: 'jest',
      details: { n: i, nested: { b: 1, a: [1, 'x'] } }, prevHash: prev,
    };
    const hash = entryHash(e);
    out.push({ ...e, hash });
    prev = hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', async () => {
    const entries = chain(5);
    const result = await verifyChain(entries);
    expect(result).toEqual({ checked: 5, head: { seq: '5', hash: entries[4]!.hash }, firstBroken: null });
  });
  it('names the first altered entry', async () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, reason: 'tampered' };
    expect((await verifyChain(entries)).firstBroken).toEqual({ seq: '3', reason: 'content does not match its hash (entry altered)' });
  });
  it('detects an entry recomputed without relinking the next one', async () => {
    const entries = chain(4);
    const altered = { ...entries[1]!, reason: 'tampered' };
    entries[1] = { ...altered, hash: entryHash(altered) };
    expect((await verifyChain(entries)).firstBroken?.seq).toBe('3');
  });
  it('detects a deleted entry in the middle', async () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect((await verifyChain(entries)).firstBroken).toEqual({ seq: '2', reason: 'entry #2 is missing (next is #3)' });
  });
});

describe('signed heads', () => {
  const pem = generateAuditKeyPem();
  const pub = publicKeyOf(pem);
  const entries = chain(3);
  const head = signHead(pem, { seq: '3', hash: entries[2]!.hash, signedAt: '2026-01-01T00:00:00.000Z' });
  const hashAt = (rows: typeof entries) => (seq: string) => Promise.resolve(rows.find((r) => r.seq === seq)?.hash ?? null);

  it('holds against the table it was signed from', async () => {
    expect(await checkSignedHead(pub, head, hashAt(entries))).toBe('ok');
  });
  it('reveals deleted newest rows', async () => {
    expect(await checkSignedHead(pub, head, hashAt(entries.slice(0, 2)))).toBe('missing_rows');
  });
  it('reveals a rewritten table', async () => {
    const rewritten = entries.map((e) => ({ ...e, hash: e.hash.replace(/^./, 'f') }));
    expect(await checkSignedHead(pub, head, hashAt(rewritten))).toBe('hash_mismatch');
  });
  it('refuses a forged signature', async () => {
    const other = signHead(generateAuditKeyPem(), { seq: head.seq, hash: head.hash, signedAt: head.signedAt });
    expect(await checkSignedHead(pub, other, hashAt(entries))).toBe('bad_signature');
  });
});
