import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hash that precedes the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that the hash covers (everything but `hash` itself). */
export interface ChainedEntry {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRoles: readonly string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  reason: string | null;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/** hash = hex(SHA-256(prev_hash "\n" canonicalJson(entry without hash))). */
export function entryHash(entry: ChainedEntry): string {
  const body = canonicalJson({
    seq: entry.seq,
    occurredAt: entry.occurredAt,
    actorId: entry.actorId,
    actorUsername: entry.actorUsername,
    actorRoles: [...entry.actorRoles],
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    outcome: entry.outcome,
    reason: entry.reason,
    requestId: entry.requestId,
    clientAddress: entry.clientAddress,
    userAgent: entry.userAgent,
    details: entry.details,
  });
  return createHash('sha256').update(entry.prevHash).update('\n').update(body).digest('hex');
}

export interface ChainBreak {
  seq: string;
  reason: string;
}

export interface ChainVerification {
  checked: number;
  head: { seq: string; hash: string } | null;
  firstBroken: ChainBreak | null;
}

/**
 * Walks entries in ascending `seq` order and reports the first that does not hold: a gap in the sequence,
 * a `prev_hash` that is not the previous entry's hash, or a stored hash that does not match the content.
 */
export async function verifyChain(
  entries: AsyncIterable<ChainedEntry & { hash: string }> | Iterable<ChainedEntry & { hash: string }>,
): Promise<ChainVerification> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  let head: { seq: string; hash: string } | null = null;
  for await (const e of entries) {
    checked++;
    const seq = BigInt(e.seq);
    if (seq !== expectedSeq) {
      return { checked, head, firstBroken: { seq: expectedSeq.toString(), reason: `entry #${expectedSeq} is missing (next is #${e.seq})` } };
    }
    if (e.prevHash !== expectedPrev) {
      return { checked, head, firstBroken: { seq: e.seq, reason: 'prev_hash does not match the previous entry' } };
    }
    if (entryHash(e) !== e.hash) {
      return { checked, head, firstBroken: { seq: e.seq, reason: 'content does not match its hash (entry altered)' } };
    }
    expectedPrev = e.hash;
    expectedSeq = seq + 1n;
    head = { seq: e.seq, hash: e.hash };
  }
  return { checked, head, firstBroken: null };
}
