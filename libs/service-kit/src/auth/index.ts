export * from './principal.ts';
export * from './token-verifier.ts';
export * from './policy.ts';
