import { RecoveryCodeEntity } from '../auth/recovery-code.entity';
import { StaffSessionEntity } from '../auth/staff-session.entity';
import { StaffEntity } from '../staff/staff.entity';

export const ENTITIES = [StaffEntity, StaffSessionEntity, RecoveryCodeEntity];
