/**
 * The decorator-free part of the contracts: roles, permissions, the audit vocabulary and input limits. The console
 * may import these values at run time (`@tessera/contracts/vocabulary`); everything else it imports as types only,
 * so class-validator never reaches the bundle.
 */
export * from './lib/roles';
export * from './lib/audit-actions';
export * from './lib/limits';
