import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { seedResidents, type SeedResult } from './seed-residents';

/** Loading synthetic residents, audited as one event. */
@Injectable()
export class SeedService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async seed(url: string, persons: number, seed: number, log?: (m: string) => void): Promise<SeedResult> {
    const result = await seedResidents(url, { persons, seed, ...(log ? { log } : {}) });
    if (!result.reused) {
      await this.audit.record({
        action: 'registry.seeded', target: { type: 'registry', id: null },
        details: { persons, seed, inserted: result.inserted, immunizations: result.immunizations, startIndex: result.startIndex, seconds: result.seconds },
      });
    }
    return result;
  }

  /** The demo data of `npm start`: only into an empty registry. */
  async seedIfEmpty(url: string, persons: number): Promise<SeedResult | null> {
    const rows: { any: boolean }[] = await this.dataSource.query('SELECT EXISTS (SELECT 1 FROM person) AS any');
    if (rows[0]?.any) return null;
    return this.seed(url, persons, 1);
  }
}
