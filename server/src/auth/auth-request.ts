import type { Request } from 'express';
import type { StaffEntity } from '../staff/staff.entity';
import type { StaffSessionEntity } from './staff-session.entity';
import type { ClientInfo } from './auth.service';

/** What the auth guard attaches to a request with a live session. */
export interface AuthState {
  staff: StaffEntity;
  session: StaffSessionEntity;
}

export type AuthedRequest = Request & { auth?: AuthState; user?: unknown };

export function clientOf(req: Request): ClientInfo {
  return { address: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}
