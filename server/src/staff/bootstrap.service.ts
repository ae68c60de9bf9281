import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction';
import { StaffService } from './staff.service';

/**
 * On an empty database: the first administrator (staff_admin + key_admin only: staff administration does not by
 * itself open residents' records), with a one-time password returned once for the terminal.
 */
@Injectable()
export class BootstrapService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly tx: TransactionRunner, private readonly staff: StaffService) {}

  async ensureFirstAdmin(): Promise<{ username: string; oneTimePassword: string } | null> {
    return this.tx.run(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7317003)');
      const rows: { n: number }[] = await m.query('SELECT count(*)::int AS n FROM staff');
      if ((rows[0]?.n ?? 0) > 0) return null;
      const created = await this.staff.create(
        { username: this.config.bootstrapAdminUsername, displayName: 'First administrator', email: `${this.config.bootstrapAdminUsername}@localhost`, roles: ['staff_admin', 'key_admin'] },
        m, null,
      );
      return { username: created.staff.username, oneTimePassword: created.oneTimePassword };
    });
  }
}
