export * from './lib/roles';
export * from './lib/audit-actions';
export * from './lib/problem';
export * from './lib/auth';
export * from './lib/staff';
export * from './lib/audit';
