export * from './shutdown.ts';
export * from './http-server.ts';
export * from './platform.ts';
export * from './service-wiring.ts';
export * from './service-http-app.ts';
