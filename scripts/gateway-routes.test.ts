import { describe, expect, it } from 'vitest';
import { parseRoutes, routeFor } from './gateway-routes.ts';

describe('parseRoutes', () => {
  it('reads service=host:port pairs', () => {
    const routes = parseRoutes('registry=127.0.0.1:3001, assessment=localhost:3002');
    expect([...routes]).toEqual([
      ['registry', { host: '127.0.0.1', port: 3001 }],
      ['assessment', { host: 'localhost', port: 3002 }],
    ]);
  });

  it('takes a bare port as loopback and ignores empty entries', () => {
    expect([...parseRoutes('registry=3001,,')]).toEqual([
      ['registry', { host: '127.0.0.1', port: 3001 }],
    ]);
  });

  it('accepts a bracketed IPv6 host', () => {
    expect(parseRoutes('registry=[::1]:3001').get('registry')).toEqual({ host: '::1', port: 3001 });
  });

  it('is empty for an empty spec', () => {
    expect(parseRoutes('').size).toBe(0);
  });

  it.each([
    'registry',
    'registry=',
    '=127.0.0.1:3001',
    'registry=host:',
    'registry=host:99999',
    'Reg=1:2',
  ])('rejects %s', (spec) => {
    expect(() => parseRoutes(spec)).toThrow();
  });

  it('rejects a service given twice', () => {
    expect(() => parseRoutes('registry=1.2.3.4:1,registry=1.2.3.4:2')).toThrow(/twice/);
  });
});

describe('routeFor', () => {
  const routes = parseRoutes('registry=127.0.0.1:3001,assessment=127.0.0.1:3002');

  it('routes by the first path segment', () => {
    expect(routeFor(routes, '/registry/v1/persons?limit=2')).toEqual({
      service: 'registry',
      upstream: { host: '127.0.0.1', port: 3001 },
    });
    expect(routeFor(routes, '/assessment')?.service).toBe('assessment');
    expect(routeFor(routes, '/registry?x=1')?.service).toBe('registry');
    expect(routeFor(routes, '/registry/openapi.json')?.upstream.port).toBe(3001);
  });

  it('finds nothing for unknown prefixes, the root or a prefix of a name', () => {
    expect(routeFor(routes, '/')).toBeUndefined();
    expect(routeFor(routes, '')).toBeUndefined();
    expect(routeFor(routes, '/treatment/v1/x')).toBeUndefined();
    expect(routeFor(routes, '/registryx/v1')).toBeUndefined();
    expect(routeFor(routes, '/regis')).toBeUndefined();
    expect(routeFor(routes, '//registry')).toBeUndefined();
    expect(routeFor(routes, 'registry/v1')).toBeUndefined();
  });

  it('does not throw on a malformed escape', () => {
    expect(routeFor(routes, '/%E0%A4%A/x')).toBeUndefined();
  });
});
