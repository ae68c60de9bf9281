import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role, StaffStatus } from '@tessera/contracts';

@Entity({ name: 'staff' })
export class StaffEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text' })
  status!: StaffStatus;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'must_change_password', type: 'boolean' })
  mustChangePassword!: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  /** TOTP secret, encrypted with the master key (see crypto/envelope). */
  @Column({ name: 'mfa_secret', type: 'bytea', nullable: true })
  mfaSecret!: Buffer | null;

  @Column({ name: 'mfa_pending_secret', type: 'bytea', nullable: true })
  mfaPendingSecret!: Buffer | null;

  @Column({ name: 'mfa_enrolled_at', type: 'timestamptz', nullable: true })
  mfaEnrolledAt!: Date | null;

  /** The last TOTP time step accepted: a code is never accepted twice. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;

  @Column({ type: 'integer' })
  version!: number;
}
