export * from './lib/records';
export * from './lib/cvx';
export * from './lib/normalize';
export * from './lib/search-input';
