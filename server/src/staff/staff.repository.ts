import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StaffQueryDto } from '@tessera/contracts';
import { StaffEntity } from './staff.entity';

const SORT_COLUMN = {
  username: 's.username', displayName: 'lower(s.display_name)', createdAt: 's.created_at', status: 's.status', lastSignInAt: 's.last_sign_in_at',
} as const;

@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(q: StaffQueryDto, offset: number, limit: number): Promise<[StaffEntity[], number]> {
    const qb = this.dataSource.getRepository(StaffEntity).createQueryBuilder('s');
    if (q.q) {
      qb.andWhere('(s.username ILIKE :q OR s.display_name ILIKE :q OR s.email ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    }
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    if (q.role) qb.andWhere(':role = ANY(s.roles)', { role: q.role });
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy(SORT_COLUMN[q.sort ?? 'username'], dir, 'NULLS LAST').addOrderBy('s.id', dir).offset(offset).limit(limit);
    return qb.getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<StaffEntity | null> {
    return m.findOneBy(StaffEntity, { id });
  }

  findByUsername(username: string): Promise<StaffEntity | null> {
    return this.dataSource.getRepository(StaffEntity).findOneBy({ username: username.toLowerCase() });
  }

  lockById(m: EntityManager, id: string): Promise<StaffEntity | null> {
    return m.findOne(StaffEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks and returns the ids of active staff administrators (serialises "last administrator" checks). */
  async lockActiveStaffAdmins(m: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM staff WHERE status = 'active' AND 'staff_admin' = ANY(roles) ORDER BY id FOR UPDATE`,
    );
    return rows.map((r) => r.id);
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(StaffEntity).count();
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
