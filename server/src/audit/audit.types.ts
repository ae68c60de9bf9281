import type { AuditAction, AuditOutcome } from '@tessera/contracts';
import type { Actor } from '../common/request-context';

/** What a service says happened; who, where and when are filled in from the request context and the database clock. */
export interface AuditEventInput {
  action: AuditAction;
  outcome?: AuditOutcome;
  target?: { type: string; id: string | null };
  reason?: string | null;
  details?: Record<string, unknown>;
  /** Overrides the request's actor (e.g. a failed sign-in names the account tried, not a session). */
  actor?: Actor | null;
  /** For events not tied to any account: the user name typed at sign-in. */
  actorUsername?: string | null;
}

export interface AuditRow {
  seq: string;
  occurred_at: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}
