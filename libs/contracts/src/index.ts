export * from './vocabulary';
export * from './lib/problem';
export * from './lib/auth';
export * from './lib/staff';
export * from './lib/audit';
export * from './lib/registry';
export * from './lib/keys';
export * from './lib/cards';
