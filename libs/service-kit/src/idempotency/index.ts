export * from './idempotency-store.ts';
