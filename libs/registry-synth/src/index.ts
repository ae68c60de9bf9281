export * from './lib/generate';
