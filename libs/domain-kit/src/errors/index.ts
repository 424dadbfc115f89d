export * from './domain-error.ts';
export * from './kinds.ts';
