import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionStage } from '@tessera/contracts';

export type SessionEndReason =
  | 'signed_out' | 'idle_timeout' | 'absolute_timeout' | 'ended_by_user' | 'account_disabled' | 'mfa_reset'
  | 'password_changed' | 'password_reset' | 'roles_changed';

@Entity({ name: 'staff_session' })
export class StaffSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ name: 'csrf_hash', type: 'bytea' })
  csrfHash!: Buffer;

  @Column({ type: 'text' })
  stage!: SessionStage;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: SessionEndReason | null;

  @Column({ name: 'client_address', type: 'text', nullable: true })
  clientAddress!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;
}
