export * from './telemetry.ts';
