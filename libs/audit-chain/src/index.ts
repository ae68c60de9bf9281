export * from './lib/canonical-json';
export * from './lib/chain';
export * from './lib/signed-head';
