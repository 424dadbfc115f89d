export * from './service.ts';
export * from './config.ts';
export * from './catalogue.ts';
