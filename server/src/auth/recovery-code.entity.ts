import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'staff_recovery_code' })
export class RecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  /** SHA-256 of the normalised code; codes carry 80 bits of entropy, so a fast hash is enough. */
  @Column({ name: 'code_hash', type: 'bytea' })
  codeHash!: Buffer;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
