export * from './lib/records';
export * from './lib/cvx';
export * from './lib/normalize';
export * from './lib/search-input';
export * from './lib/trigram';
export * from './lib/name-signals';
