import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { toDataURL } from 'qrcode';
import {
  permissionsOf, type ChangePasswordDto, type MeResponse, type MfaEnrolmentResponse,
  type MfaVerifyDto, type SessionStage, type SignInDto,
} from '@tessera/contracts';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import type { Actor } from '../common/request-context';
import { Envelope } from '../crypto/envelope';
import { StaffEntity } from '../staff/staff.entity';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password-hasher';
import { passwordProblem } from './password-policy';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import { SessionsService, type IssuedSession } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';
import type { StaffSessionEntity } from './staff-session.entity';
import { acceptTotp, newTotpSecret, otpauthUri } from './totp';

export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

export interface StepResult {
  me: MeResponse;
  issued?: IssuedSession;
}

export function actorOf(staff: StaffEntity): Actor {
  return { staffId: staff.id, username: staff.username, roles: [...staff.roles] };
}

const mfaAad = (staffId: string) => `staff.mfa_secret:${staffId}`;

/** Signing in: password (passport local), TOTP or recovery code, forced password change, MFA enrolment. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottleService,
    private readonly audit: AuditService,
    @Inject(Envelope) private readonly envelope: Envelope,
  ) {}

  /** First factor. Throttled per account and per address; every outcome is audited. */
  async checkPassword(dto: SignInDto, client: ClientInfo): Promise<StaffEntity> {
    const username = dto.username.trim().toLowerCase();
    const keys = [{ scope: 'account' as const, id: username }, ...(client.address ? [{ scope: 'address' as const, id: client.address }] : [])];
    const verdict = await this.throttle.check(keys);
    if (verdict.blocked) {
      await this.audit.record({ action: 'auth.sign_in_throttled', outcome: 'denied', actor: null, actorUsername: username, details: { retryAfterSeconds: verdict.retryAfterSeconds } });
      throw tooMany(verdict.retryAfterSeconds);
    }
    const staff = await this.dataSource.getRepository(StaffEntity).findOneBy({ username });
    const ok = staff ? await verifyPassword(staff.passwordHash, dto.password) : (await burnPasswordCheck(dto.password), false);
    if (!staff || !ok || staff.status !== 'active') {
      await this.failure(keys, username, staff, !staff ? 'unknown_user' : !ok ? 'wrong_password' : 'account_disabled');
      throw problem(401, 'Sign-in failed', 'The user name or password is not correct, or the account is disabled.');
    }
    await this.throttle.succeed(username);
    return staff;
  }

  /** After the password: a new session (new token), at the first stage still to do. */
  async startSession(staff: StaffEntity, client: ClientInfo): Promise<StepResult> {
    const stage: SessionStage = staff.mfaEnrolledAt ? 'mfa' : staff.mustChangePassword ? 'password_change' : 'mfa_enrolment';
    return this.dataSource.transaction(async (m) => {
      const issued = await this.sessions.create(m, staff.id, stage, client);
      if (stage !== 'mfa') {
        await m.update(StaffEntity, { id: staff.id }, { lastSignInAt: () => 'now()' });
      }
      await this.audit.append(m, {
        action: 'auth.signed_in', actor: actorOf(staff), target: { type: 'staff', id: staff.id },
        details: { factor: 'password', stage, sessionId: issued.session.id },
      });
      return { me: this.me(staff, issued.session), issued };
    });
  }

  /** Second factor: a TOTP code (each time step once) or a single-use recovery code. */
  async verifySecondFactor(staff: StaffEntity, session: StaffSessionEntity, dto: MfaVerifyDto, client: ClientInfo): Promise<StepResult> {
    if (!dto.code === !dto.recoveryCode) throw problem(400, 'Invalid request', 'Send either code or recoveryCode.');
    const keys = [{ scope: 'account' as const, id: staff.username }, ...(client.address ? [{ scope: 'address' as const, id: client.address }] : [])];
    const verdict = await this.throttle.check(keys);
    if (verdict.blocked) {
      await this.audit.record({ action: 'auth.sign_in_throttled', outcome: 'denied', actor: actorOf(staff), details: { step: 'mfa', retryAfterSeconds: verdict.retryAfterSeconds } });
      throw tooMany(verdict.retryAfterSeconds);
    }
    const result = await this.dataSource.transaction(async (m) => {
      const fresh = await m.findOne(StaffEntity, { where: { id: staff.id }, lock: { mode: 'pessimistic_write' } });
      if (!fresh?.mfaSecret) return null;
      let factor: 'totp' | 'recovery_code';
      if (dto.code) {
        const secret = this.envelope.open(fresh.mfaSecret, mfaAad(fresh.id)).toString('utf8');
        const step = acceptTotp(secret, dto.code, fresh.totpLastStep === null ? null : BigInt(fresh.totpLastStep), Date.now());
        if (step === null) return null;
        await m.update(StaffEntity, { id: fresh.id }, { totpLastStep: step.toString() });
        factor = 'totp';
      } else {
        const used = await m.update(RecoveryCodeEntity, { staffId: fresh.id, codeHash: recoveryCodeHash(dto.recoveryCode!), usedAt: IsNull() }, { usedAt: () => 'now()' });
        if (!used.affected) return null;
        factor = 'recovery_code';
      }
      const next: SessionStage = fresh.mustChangePassword ? 'password_change' : 'active';
      const issued = await this.sessions.advance(m, session, next);
      await m.update(StaffEntity, { id: fresh.id }, { lastSignInAt: () => 'now()' });
      await this.audit.append(m, {
        action: factor === 'totp' ? 'auth.mfa_verified' : 'auth.recovery_code_used', actor: actorOf(fresh),
        target: { type: 'staff', id: fresh.id }, details: { sessionId: session.id, stage: next },
      });
      return { me: this.me(fresh, issued.session), issued };
    });
    if (!result) {
      await this.failure(keys, staff.username, staff, dto.code ? 'wrong_totp' : 'wrong_recovery_code', 'auth.mfa_failed');
      throw problem(401, 'Verification failed', 'That code is not valid. Codes can be used only once.');
    }
    await this.throttle.succeed(staff.username);
    return result;
  }

  async changePassword(staff: StaffEntity, session: StaffSessionEntity, dto: ChangePasswordDto): Promise<StepResult> {
    if (!(await verifyPassword(staff.passwordHash, dto.currentPassword))) {
      await this.throttle.fail([{ scope: 'account', id: staff.username }]);
      await this.audit.record({ action: 'auth.password_change_failed', outcome: 'failed', target: { type: 'staff', id: staff.id }, details: { why: 'wrong_current_password' } });
      throw problem(400, 'Password not changed', 'The current password is not correct.', { errors: [{ field: 'currentPassword', messages: ['The current password is not correct.'] }] });
    }
    const why = passwordProblem(dto.newPassword, { username: staff.username, email: staff.email })
      ?? (dto.newPassword === dto.currentPassword ? 'The new password must differ from the current one.' : null);
    if (why) throw problem(400, 'Password not accepted', why, { errors: [{ field: 'newPassword', messages: [why] }] });
    const passwordHash = await hashPassword(dto.newPassword);
    return this.dataSource.transaction(async (m) => {
      await m.update(StaffEntity, { id: staff.id }, {
        passwordHash, mustChangePassword: false, passwordChangedAt: () => 'now()', updatedAt: () => 'now()', version: () => 'version + 1',
      });
      const endedOthers = await this.sessions.endAllFor(m, staff.id, 'password_changed', session.id);
      const next: SessionStage = session.stage === 'password_change' && !staff.mfaEnrolledAt ? 'mfa_enrolment' : 'active';
      const issued = await this.sessions.advance(m, session, next);
      await this.audit.append(m, { action: 'auth.password_changed', target: { type: 'staff', id: staff.id }, details: { otherSessionsEnded: endedOthers } });
      return { me: this.me(staff, issued.session), issued };
    });
  }

  async startEnrolment(staff: StaffEntity): Promise<MfaEnrolmentResponse> {
    const secret = newTotpSecret();
    const uri = otpauthUri(secret, staff.username);
    await this.dataSource.transaction(async (m) => {
      await m.update(StaffEntity, { id: staff.id }, { mfaPendingSecret: this.envelope.seal(Buffer.from(secret), mfaAad(staff.id)) });
      await this.audit.append(m, { action: 'auth.mfa_enrolment_started', target: { type: 'staff', id: staff.id } });
    });
    return { otpauthUri: uri, secret, qrDataUrl: await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
  }

  async confirmEnrolment(staff: StaffEntity, session: StaffSessionEntity, code: string): Promise<StepResult & { recoveryCodes: string[] }> {
    const result = await this.dataSource.transaction(async (m) => {
      const fresh = await m.findOne(StaffEntity, { where: { id: staff.id }, lock: { mode: 'pessimistic_write' } });
      if (!fresh?.mfaPendingSecret) throw problem(409, 'No enrolment in progress', 'Start the enrolment again to get a new key.');
      const secret = this.envelope.open(fresh.mfaPendingSecret, mfaAad(fresh.id)).toString('utf8');
      const step = acceptTotp(secret, code, null, Date.now());
      if (step === null) return null;
      await m.update(StaffEntity, { id: fresh.id }, {
        mfaSecret: fresh.mfaPendingSecret, mfaPendingSecret: null, mfaEnrolledAt: () => 'now()', totpLastStep: step.toString(),
        updatedAt: () => 'now()', version: () => 'version + 1', lastSignInAt: () => 'now()',
      });
      const codes = newRecoveryCodes();
      await m.delete(RecoveryCodeEntity, { staffId: fresh.id });
      await m.insert(RecoveryCodeEntity, codes.map((c) => ({ staffId: fresh.id, codeHash: recoveryCodeHash(c), usedAt: null })));
      const issued = await this.sessions.advance(m, session, 'active');
      await this.audit.append(m, { action: 'auth.mfa_enrolled', target: { type: 'staff', id: fresh.id }, details: { recoveryCodesIssued: codes.length } });
      return { me: this.me(fresh, issued.session), issued, recoveryCodes: codes };
    });
    if (!result) {
      await this.audit.record({ action: 'auth.mfa_failed', outcome: 'failed', target: { type: 'staff', id: staff.id }, details: { step: 'enrolment' } });
      throw problem(400, 'Code not accepted', 'That code does not match the new key. Check the time on your phone and try the next code.', { errors: [{ field: 'code', messages: ['That code does not match.'] }] });
    }
    return result;
  }

  /** Removes the authenticator and the recovery codes (MFA reset): the person enrols again at next sign-in. */
  async clearSecondFactor(m: EntityManager, staffId: string): Promise<void> {
    await m.update(StaffEntity, { id: staffId }, {
      mfaSecret: null, mfaPendingSecret: null, mfaEnrolledAt: null, totpLastStep: null, updatedAt: () => 'now()', version: () => 'version + 1',
    });
    await m.delete(RecoveryCodeEntity, { staffId });
  }

  async signOut(session: StaffSessionEntity): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.sessions.end(m, session.id, 'signed_out');
      await this.audit.append(m, { action: 'auth.signed_out', target: { type: 'staff_session', id: session.id } });
    });
  }

  me(staff: Pick<StaffEntity, 'id' | 'username' | 'displayName' | 'email' | 'roles'>, session: StaffSessionEntity): MeResponse {
    return {
      id: staff.id, username: staff.username, displayName: staff.displayName, email: staff.email,
      roles: [...staff.roles], permissions: session.stage === 'active' ? permissionsOf(staff.roles) : [],
      stage: session.stage, expiresAt: session.expiresAt.toISOString(), idleTimeoutSeconds: this.sessions.idleMs / 1000,
    };
  }

  private async failure(
    keys: { scope: 'account' | 'address'; id: string }[], username: string, staff: StaffEntity | null, why: string,
    action: 'auth.sign_in_failed' | 'auth.mfa_failed' = 'auth.sign_in_failed',
  ): Promise<void> {
    const blocked = await this.throttle.fail(keys);
    const actor = staff ? actorOf(staff) : null;
    await this.audit.record({ action, outcome: 'failed', actor, actorUsername: username, target: staff ? { type: 'staff', id: staff.id } : undefined, details: { why } });
    for (const b of blocked) {
      await this.audit.record({ action: 'auth.locked_out', outcome: 'denied', actor, actorUsername: username, details: { scope: b.scope, seconds: b.seconds, failures: b.failures } });
    }
  }
}

function tooMany(seconds: number) {
  return problem(429, 'Too many attempts', `Too many failed attempts. Try again in ${seconds} seconds.`, { retryAfter: seconds });
}
