export * from './domain-error.ts';
export * from './kinds.ts';
export * from './shared-codes.ts';
