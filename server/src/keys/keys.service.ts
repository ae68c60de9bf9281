import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ActivateIssuerKeyDto, IssuerKeyResponse, IssuerKeysResponse, IssuerKeyState, KeyRevocationRequestResponse,
  PublicJwkResponse, RevocationDecisionDto,
} from '@tessera/contracts';
import { jwkThumbprint } from '@tessera/shc-core';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { requestContext, type Actor } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction';
import { checkThroughPublishedKeySet, keySetUrl } from './activation-gate';
import { IssuerKeysRepository, type IssuerKeyRow, type KeyPolicyParams, type RevocationRow } from './issuer-keys.repository';
import { KEY_STORE, type ActiveSigning, type KeyStore } from './key-store';
import { rotationWarnings } from './key-policy';

/** Who acts when no staff member is signed in (the command line): named in the audit log. */
export interface SystemOperator {
  actorUsername: string;
}

const keyTarget = (id: string) => ({ type: 'issuer_key', id });

/**
 * Issuer signing keys: the lifecycle (created → active → retired, revoked for compromise by two key administrators),
 * the activation gate, private-key retention, and the active signer for the cards code. Every change is written with
 * its audit entry in one transaction; responses never carry the private reference.
 */
@Injectable()
export class KeysService {
  private readonly logger = new Logger('IssuerKeys');

  constructor(
    private readonly repo: IssuerKeysRepository,
    @Inject(KEY_STORE) private readonly store: KeyStore,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Runs `work` with the active key's signer inside the caller's transaction. The key row stays share-locked (after
   * the shared signing gate) until that transaction ends, so activation, retirement and revocation wait for it: a
   * card is never recorded as signed by a key that was not active at that moment. Call it before `audit.append`.
   */
  async withActiveSigner<T>(m: EntityManager, work: (s: ActiveSigning) => Promise<T>): Promise<T> {
    // READ COMMITTED: if a rotation commits while the statement waits, the re-checked old row is no longer active
    // and the statement's snapshot predates the new one; a second statement sees the key that replaced it.
    const row = (await this.repo.lockActiveShared(m)) ?? (await this.repo.lockActiveShared(m));
    if (!row) {
      throw problem(409, 'No active signing key', 'No issuer key is active, so no card can be signed. A key administrator must activate one.');
    }
    if (row.store !== this.store.name) throw new Error(`the active key is held by the "${row.store}" key store; this server uses "${this.store.name}"`);
    return work({ keyId: row.id, kid: row.kid, signer: this.store.signer(row.kid, row.private_ref) });
  }

  /** kid → state, for every key ever created (the inspector names a card's key state). */
  async keyStates(): Promise<Map<string, IssuerKeyState>> {
    return new Map((await this.repo.keyStates()).map((r) => [r.kid, r.state]));
  }

  /** The public key set: created, active and retired keys; a revoked key is gone from it at once. */
  async publishedKeySet(): Promise<{ keys: PublicJwkResponse[] }> {
    return { keys: (await this.repo.published()).map(projectJwk) };
  }

  async list(): Promise<IssuerKeysResponse> {
    const rows = await this.repo.all(this.policy());
    return {
      iss: this.config.issuerUrl,
      jwksUrl: keySetUrl(this.config.issuerUrl),
      policy: {
        cryptoperiodMonths: this.config.keyCryptoperiodMonths,
        prePublicationDays: this.config.keyPrePublicationDays,
        destroyPrivateAfterDays: this.config.keyDestroyAfterDays,
      },
      keys: rows.map(toKeyResponse),
      warnings: rotationWarnings(
        rows.map((r) => ({ kid: r.kid, state: r.state, createdAt: r.created_at, readyAt: r.ready_at, rotationDueAt: r.rotation_due_at })),
        this.config.keyPrePublicationDays, new Date(),
      ),
    };
  }

  /** The key's id from its id or kid (command line). */
  async resolveId(idOrKid: string): Promise<string> {
    const id = await this.repo.idOf(idOrKid.trim());
    if (!id) throw problem(404, 'Not Found', `No issuer key has the id or kid "${idOrKid}".`);
    return id;
  }

  /** Generates a key in the key store; it is published at once and signs nothing until activated. */
  async create(reason: string, operator?: SystemOperator): Promise<IssuerKeyResponse> {
    const actor = currentActor();
    const { publicKey, ref } = await this.store.generate();
    const kid = jwkThumbprint(publicKey);
    const publicJwk: PublicJwkResponse = { kty: 'EC', crv: 'P-256', x: publicKey.x, y: publicKey.y, kid, use: 'sig', alg: 'ES256' };
    return this.tx.run(async (m) => {
      const id = await this.repo.insert(m, { kid, publicJwk, store: this.store.name, privateRef: ref, createdBy: actor?.staffId ?? null });
      const row = await this.mustFind(m, id);
      await this.audit.append(m, { ...by(operator), action: 'issuer_key.created', target: keyTarget(id), reason, details: { kid, store: this.store.name } });
      return toKeyResponse(row);
    });
  }

  /**
   * Makes a published key the one that signs; the previous active key is retired in the same transaction. Refused
   * when the key was published for less than the lead time (unless acknowledged) or fails the activation gate.
   */
  async activate(id: string, dto: ActivateIssuerKeyDto, operator?: SystemOperator): Promise<IssuerKeyResponse> {
    const key = await this.mustFind(null, id);
    if (key.state !== 'created') throw notInState(key, 'activated', 'only a key that was created and has never signed can be activated');
    if (key.pending_id) throw revocationPending(key.kid);
    const refuse = async (why: string, title: string, detail: string, extra: Record<string, unknown> = {}) => {
      await this.audit.record({
        ...by(operator), action: 'issuer_key.activation_refused', outcome: 'failed', target: keyTarget(id), reason: dto.reason,
        details: { kid: key.kid, why, ...extra },
      });
      // A stable problem type per refusal: the console asks for the acknowledgement on …/short-publication.
      return problem(409, title, detail, { type: `https://tessera.invalid/problems/${why.replace(/_/g, '-')}` });
    };
    if (!dto.acknowledgeShortPublication && key.ready_at.getTime() > Date.now()) {
      throw await refuse('short_publication', 'Key published too recently',
        `Key ${key.kid} has been in the published key set since ${iso(key.created_at)}, less than the ${this.config.keyPrePublicationDays}-day `
        + `lead time: verifier apps that cached the key set before then will reject its cards until they fetch it again. Wait until `
        + `${iso(key.ready_at)}, or acknowledge the short publication to activate it now.`);
    }
    const material = await this.repo.signingMaterial(id);
    if (!material?.private_ref || material.store !== this.store.name) {
      throw await refuse('no_private_key', 'Key cannot sign', `The private key of ${key.kid} is not available in the "${this.store.name}" key store.`);
    }
    const url = keySetUrl(this.config.issuerUrl);
    const gate = await checkThroughPublishedKeySet(
      this.config.issuerUrl, this.store.signer(material.kid, material.private_ref), new Date(), this.config.env !== 'production',
    );
    if (!gate.ok) {
      throw await refuse(`gate_${gate.why}`, 'Activation refused',
        `Key ${key.kid} was not activated: a test card signed with it did not verify against the published key set at ${url}: ${gate.reason}.`,
        { jwksUrl: url, gate: gate.reason });
    }
    let retiredKid: string | null = null;
    const activated = await this.tx.run(async (m) => {
      await this.repo.closeSigningGate(m);
      const locked = await this.repo.lockKey(m, id);
      if (!locked || locked.state !== 'created') throw notInState(locked ?? key, 'activated', 'it changed while it was being checked');
      // A compromise report filed while the gate ran wins: requests take the same row lock.
      if ((await this.mustFind(m, id)).pending_id) throw revocationPending(locked.kid);
      const previous = await this.repo.lockActive(m);
      if (previous) await this.repo.setState(m, previous.id, 'retired');
      retiredKid = previous?.kid ?? null;
      await this.repo.setState(m, id, 'active');
      const row = await this.mustFind(m, id);
      if (previous) {
        await this.audit.append(m, {
          ...by(operator), action: 'issuer_key.retired', target: keyTarget(previous.id), reason: dto.reason,
          details: { kid: previous.kid, previousState: 'active', replacedBy: key.kid },
        });
      }
      await this.audit.append(m, {
        ...by(operator), action: 'issuer_key.activated', target: keyTarget(id), reason: dto.reason,
        details: { kid: key.kid, replaced: previous?.kid ?? null, acknowledgedShortPublication: dto.acknowledgeShortPublication === true, verifiedAgainst: url },
      });
      return toKeyResponse(row);
    });
    if (retiredKid) this.store.forget(retiredKid);
    return activated;
  }

  /** Stops a key from signing; it stays published so the cards it signed keep verifying. */
  async retire(id: string, reason: string, operator?: SystemOperator): Promise<IssuerKeyResponse> {
    const retired = await this.tx.run(async (m) => {
      await this.repo.closeSigningGate(m);
      const locked = await this.repo.lockKey(m, id);
      if (!locked) throw keyNotFound();
      if (locked.state !== 'active' && locked.state !== 'created') throw notInState(locked, 'retired', 'only an active or a published key can be retired');
      await this.repo.setState(m, id, 'retired');
      const row = await this.mustFind(m, id);
      await this.audit.append(m, {
        ...by(operator), action: 'issuer_key.retired', target: keyTarget(id), reason,
        details: { kid: locked.kid, previousState: locked.state, noActiveKeyLeft: locked.state === 'active' },
      });
      return toKeyResponse(row);
    });
    this.store.forget(retired.kid); // it never signs again: drop the private key from this process's memory now
    return retired;
  }

  /** First half of revocation for compromise: one key administrator asks, another decides. */
  async requestRevocation(id: string, reason: string): Promise<KeyRevocationRequestResponse> {
    const actor = mustBeStaff();
    return this.tx.run(async (m) => {
      await this.repo.closeSigningGate(m);
      const locked = await this.repo.lockKey(m, id);
      if (!locked) throw keyNotFound();
      if (locked.state === 'revoked') throw notInState(locked, 'revoked', 'it is already revoked');
      const current = await this.mustFind(m, id);
      if (current.pending_id) {
        throw problem(409, 'Revocation already requested', `A revocation of key ${locked.kid} requested by ${current.pending_requested_by ?? 'another key administrator'} awaits a decision.`);
      }
      const requestId = await this.repo.insertRevocation(m, id, actor.staffId, reason);
      const request = (await this.repo.revocation(requestId, m))!;
      await this.audit.append(m, {
        action: 'issuer_key.revocation_requested', target: keyTarget(id), reason, details: { kid: locked.kid, requestId, state: locked.state },
      });
      return toRevocationResponse(request);
    });
  }

  /**
   * Second half: another key administrator approves (the key is revoked and leaves the key set at once; an active
   * key stops signing) or rejects (the request is closed).
   */
  async decideRevocation(requestId: string, dto: RevocationDecisionDto): Promise<KeyRevocationRequestResponse> {
    const actor = mustBeStaff();
    const action = dto.decision === 'approve' ? 'issuer_key.revoked' : 'issuer_key.revocation_rejected';
    const seen = await this.repo.revocation(requestId);
    if (!seen) throw problem(404, 'Not Found', 'No key revocation request has that id.');
    if (seen.requested_by_id === actor.staffId) {
      await this.audit.record({
        action, outcome: 'denied', target: keyTarget(seen.key_id), reason: dto.reason,
        details: { kid: seen.kid, requestId, why: 'requester_cannot_decide' },
      });
      throw problem(403, 'Second key administrator required', 'A revocation request must be decided by a key administrator other than the one who requested it.');
    }
    let revokedKid: string | null = null;
    const result = await this.tx.run(async (m) => {
      await this.repo.closeSigningGate(m);
      const request = await this.repo.revocation(requestId, m, true);
      if (!request) throw problem(404, 'Not Found', 'No key revocation request has that id.');
      if (request.decision !== null) {
        throw problem(409, 'Already decided', `This request was already ${request.decision === 'approve' ? 'approved' : 'rejected'} by ${request.decided_by ?? 'another key administrator'}.`);
      }
      const key = await this.repo.lockKey(m, request.key_id);
      if (!key) throw keyNotFound();
      if (dto.decision === 'approve') {
        await this.repo.setState(m, key.id, 'revoked');
        revokedKid = key.kid;
      }
      await this.repo.decideRevocation(m, requestId, dto.decision, actor.staffId, dto.reason);
      const decided = (await this.repo.revocation(requestId, m))!;
      await this.audit.append(m, {
        action, target: keyTarget(key.id), reason: dto.reason,
        details: { kid: key.kid, requestId, requestedBy: request.requested_by, requestReason: request.reason, previousState: key.state },
      });
      return toRevocationResponse(decided);
    });
    if (revokedKid) this.store.forget(revokedKid);
    return result;
  }

  /**
   * Destroys the private part of retired and revoked keys kept longer than the retention period at `now` (the public
   * key stays). The database is cleared first, then the key store: a failure leaves an orphan in the store, never a
   * row pointing at a key that no longer exists. Returns the kids destroyed.
   */
  async destroyDuePrivateKeys(now: Date): Promise<string[]> {
    const destroyed = await this.tx.run(async (m) => {
      const due = await this.repo.lockDueForDestruction(m, now, this.config.keyDestroyAfterDays);
      for (const k of due) await this.repo.clearPrivate(m, k.id, now);
      for (const k of due) {
        await this.audit.append(m, {
          actor: null, actorUsername: 'system', action: 'issuer_key.private_destroyed', target: keyTarget(k.id), reason: 'retention policy',
          details: { kid: k.kid, store: k.store, afterDays: this.config.keyDestroyAfterDays },
        });
      }
      return due;
    });
    for (const k of destroyed) await this.store.destroy(k.kid, k.private_ref);
    const kids = destroyed.map((k) => k.kid);
    if (kids.length > 0) this.logger.log(`destroyed the private part of ${kids.length} retired or revoked key(s) (retention policy): ${kids.join(', ')}`);
    return kids;
  }

  private policy(): KeyPolicyParams {
    return {
      cryptoperiodMonths: this.config.keyCryptoperiodMonths,
      prePublicationDays: this.config.keyPrePublicationDays,
      destroyAfterDays: this.config.keyDestroyAfterDays,
    };
  }

  private async mustFind(m: EntityManager | null, id: string): Promise<IssuerKeyRow> {
    const row = await this.repo.find(this.policy(), id, m ?? undefined);
    if (!row) throw keyNotFound();
    return row;
  }
}

function currentActor(): Actor | null {
  return requestContext.get()?.actor ?? null;
}

function mustBeStaff(): Actor {
  const actor = currentActor();
  if (!actor) throw problem(403, 'Not allowed', 'Revocation for compromise is requested and decided by two key administrators signed in to the console.');
  return actor;
}

/** The audit actor: the signed-in staff member when there is one (the request context), else the named operator. */
function by(operator: SystemOperator | undefined): { actorUsername?: string } {
  return operator ? { actorUsername: operator.actorUsername } : {};
}

function keyNotFound() {
  return problem(404, 'Not Found', 'No issuer key has that id.');
}

function notInState(key: { kid: string; state: IssuerKeyState }, verb: string, why: string) {
  return problem(409, `Key cannot be ${verb}`, `Key ${key.kid} is ${key.state}: ${why}.`);
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** Only the public members, whatever the stored JSON holds. */
function projectJwk(j: PublicJwkResponse): PublicJwkResponse {
  const out: PublicJwkResponse = { kty: j.kty, crv: j.crv, x: j.x, y: j.y, kid: j.kid, use: j.use, alg: j.alg };
  if (j.crlVersion !== undefined) out.crlVersion = j.crlVersion;
  return out;
}

function toKeyResponse(r: IssuerKeyRow): IssuerKeyResponse {
  return {
    id: r.id, kid: r.kid, state: r.state, store: r.store, publicJwk: projectJwk(r.public_jwk),
    createdAt: iso(r.created_at), createdBy: r.created_by, activatedAt: isoOrNull(r.activated_at), retiredAt: isoOrNull(r.retired_at),
    revokedAt: isoOrNull(r.revoked_at), privateDestroyedAt: isoOrNull(r.private_destroyed_at), privateDestroyDueAt: isoOrNull(r.destroy_due_at),
    rotationDueAt: isoOrNull(r.rotation_due_at), published: r.state !== 'revoked',
    pendingRevocation: r.pending_id && r.pending_requested_at ? {
      id: r.pending_id, keyId: r.id, requestedBy: r.pending_requested_by ?? '', requestedAt: iso(r.pending_requested_at),
      reason: r.pending_reason ?? '', decision: null, decidedBy: null, decidedAt: null, decisionReason: null,
    } : null,
  };
}

function toRevocationResponse(r: RevocationRow): KeyRevocationRequestResponse {
  return {
    id: r.id, keyId: r.key_id, requestedBy: r.requested_by, requestedAt: iso(r.requested_at), reason: r.reason, decision: r.decision,
    decidedBy: r.decided_by, decidedAt: isoOrNull(r.decided_at), decisionReason: r.decision_reason,
  };
}

/** A key reported compromised must not start signing while the report awaits its second key administrator. */
function revocationPending(kid: string) {
  return problem(409, 'Revocation pending', `Key ${kid} has a pending revocation for compromise; it cannot be activated until that request is rejected.`);
}
