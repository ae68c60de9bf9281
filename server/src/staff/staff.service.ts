import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ROLE_LABELS, ROLES, ROLE_PERMISSIONS, type CreateStaffDto, type Page, type RoleResponse, type StaffQueryDto,
  type StaffResponse, type StaffWithPasswordResponse, type UpdateStaffRolesDto,
} from '@tessera/contracts';
import { AuditService } from '../audit/audit.service';
import { hashPassword, oneTimePassword } from '../auth/password-hasher';
import { AuthService } from '../auth/auth.service';
import { SessionsService } from '../auth/sessions.service';
import { problem } from '../common/problem.filter';
import type { Actor } from '../common/request-context';
import { TransactionRunner } from '../database/transaction';
import { StaffEntity } from './staff.entity';
import { StaffRepository } from './staff.repository';

/** Staff administration: accounts, roles, disabling, MFA and password resets. */
@Injectable()
export class StaffService {
  constructor(
    private readonly repo: StaffRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
  ) {}

  roles(): RoleResponse[] {
    return ROLES.map((role) => ({ role, label: ROLE_LABELS[role], permissions: [...ROLE_PERMISSIONS[role]] }));
  }

  async list(q: StaffQueryDto): Promise<Page<StaffResponse>> {
    const page = q.page ?? 0;
    const pageSize = q.pageSize ?? 25;
    const [rows, total] = await this.repo.page(q, page * pageSize, pageSize);
    return { items: rows.map(toStaffResponse), total, page, pageSize };
  }

  async get(id: string): Promise<StaffResponse> {
    return toStaffResponse(await this.mustFind(id));
  }

  /** Creates an account with a one-time password, to be changed at first sign-in; MFA enrolment follows. */
  async create(dto: CreateStaffDto, m?: EntityManager, actor?: Actor | null): Promise<StaffWithPasswordResponse> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const work = async (em: EntityManager) => {
      const username = dto.username.toLowerCase();
      const taken: unknown[] = await em.query('SELECT 1 FROM staff WHERE username = $1', [username]);
      if (taken.length > 0) throw problem(409, 'User name taken', `The user name "${username}" is already in use.`);
      const staff = em.create(StaffEntity, {
        username, displayName: dto.displayName.trim(), email: dto.email.trim().toLowerCase(), roles: [...new Set(dto.roles)].sort(),
        status: 'active', passwordHash, mustChangePassword: true, passwordChangedAt: null, mfaSecret: null,
        mfaPendingSecret: null, mfaEnrolledAt: null, totpLastStep: null, updatedAt: new Date(), lastSignInAt: null, version: 1,
      });
      await em.save(staff);
      const saved = (await em.findOneBy(StaffEntity, { id: staff.id }))!;
      await this.audit.append(em, {
        action: 'staff.created', target: { type: 'staff', id: saved.id }, ...(actor !== undefined ? { actor } : {}),
        details: { username: saved.username, roles: saved.roles },
      });
      return { staff: toStaffResponse(saved), oneTimePassword: password };
    };
    return m ? work(m) : this.tx.run(work);
  }

  async updateRoles(actor: Actor, id: string, dto: UpdateStaffRolesDto): Promise<StaffResponse> {
    if (id === actor.staffId) throw problem(403, 'Not allowed', 'Nobody can change their own roles.');
    const roles = [...new Set(dto.roles)].sort();
    return this.tx.run(async (m) => {
      const admins = await this.repo.lockActiveStaffAdmins(m);
      const staff = await this.mustLock(m, id);
      if (staff.status === 'active' && admins.includes(id) && !roles.includes('staff_admin') && admins.length <= 1) {
        throw problem(409, 'Last staff administrator', 'This is the last active staff administrator: the role cannot be removed.');
      }
      const before = [...staff.roles];
      this.sessions.staffChanging(m, id);
      await m.update(StaffEntity, { id }, { roles, updatedAt: () => 'now()', version: () => 'version + 1' });
      await this.audit.append(m, { action: 'staff.roles_changed', target: { type: 'staff', id }, reason: dto.reason, details: { before, after: roles } });
      return toStaffResponse({ ...staff, roles });
    });
  }

  async setStatus(actor: Actor | null, id: string, status: 'active' | 'disabled', reason: string): Promise<StaffResponse> {
    if (actor && id === actor.staffId && status === 'disabled') throw problem(403, 'Not allowed', 'You cannot disable your own account.');
    return this.tx.run(async (m) => {
      const admins = await this.repo.lockActiveStaffAdmins(m);
      const staff = await this.mustLock(m, id);
      if (staff.status === status) throw problem(409, 'No change', `The account is already ${status}.`);
      if (status === 'disabled' && admins.includes(id) && admins.length <= 1) {
        throw problem(409, 'Last staff administrator', 'This is the last active staff administrator: the account cannot be disabled.');
      }
      this.sessions.staffChanging(m, id);
      await m.update(StaffEntity, { id }, { status, updatedAt: () => 'now()', version: () => 'version + 1' });
      const ended = status === 'disabled' ? await this.sessions.endAllFor(m, id, 'account_disabled') : 0;
      await this.audit.append(m, {
        action: status === 'disabled' ? 'staff.disabled' : 'staff.enabled', target: { type: 'staff', id }, reason, details: { sessionsEnded: ended },
      });
      return toStaffResponse({ ...staff, status });
    });
  }

  /** Clears the authenticator and recovery codes; the person enrols again at next sign-in. Ends their sessions. */
  async resetMfa(id: string, reason: string, actor?: Actor | null): Promise<StaffResponse> {
    return this.tx.run(async (m) => {
      const staff = await this.mustLock(m, id);
      await this.auth.clearSecondFactor(m, id);
      const ended = await this.sessions.endAllFor(m, id, 'mfa_reset');
      await this.audit.append(m, { action: 'staff.mfa_reset', target: { type: 'staff', id }, reason, details: { sessionsEnded: ended }, ...(actor !== undefined ? { actor } : {}) });
      return toStaffResponse({ ...staff, mfaEnrolledAt: null });
    });
  }

  /** A new one-time password (shown once); ends the person's sessions. */
  async resetPassword(id: string, reason: string, actor?: Actor | null): Promise<StaffWithPasswordResponse> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.tx.run(async (m) => {
      const staff = await this.mustLock(m, id);
      await m.update(StaffEntity, { id }, { passwordHash, mustChangePassword: true, updatedAt: () => 'now()', version: () => 'version + 1' });
      const ended = await this.sessions.endAllFor(m, id, 'password_reset');
      await this.audit.append(m, { action: 'staff.password_reset', target: { type: 'staff', id }, reason, details: { sessionsEnded: ended }, ...(actor !== undefined ? { actor } : {}) });
      return { staff: toStaffResponse({ ...staff, mustChangePassword: true }), oneTimePassword: password };
    });
  }

  async idOf(username: string): Promise<string> {
    const s = await this.repo.findByUsername(username);
    if (!s) throw problem(404, 'Not Found', `No staff account is named "${username}".`);
    return s.id;
  }

  private async mustFind(id: string): Promise<StaffEntity> {
    const s = await this.repo.findById(id);
    if (!s) throw problem(404, 'Not Found', 'No staff account has that id.');
    return s;
  }

  private async mustLock(m: EntityManager, id: string): Promise<StaffEntity> {
    const s = await this.repo.lockById(m, id);
    if (!s) throw problem(404, 'Not Found', 'No staff account has that id.');
    return s;
  }
}

export function toStaffResponse(s: StaffEntity): StaffResponse {
  return {
    id: s.id, username: s.username, displayName: s.displayName, email: s.email, roles: [...s.roles], status: s.status,
    mfaEnrolled: s.mfaEnrolledAt !== null, mustChangePassword: s.mustChangePassword, createdAt: s.createdAt.toISOString(),
    lastSignInAt: s.lastSignInAt ? s.lastSignInAt.toISOString() : null,
  };
}
