// Pure routing of the development gateway (scripts/gateway.ts): which upstream serves a path.

export interface Upstream {
  host: string;
  port: number;
}

/** Service name → upstream address. */
export type RouteTable = ReadonlyMap<string, Upstream>;

export interface Route {
  service: string;
  upstream: Upstream;
}

const serviceName = /^[a-z][a-z0-9-]*$/;

/**
 * Parses `registry=127.0.0.1:3001,assessment=127.0.0.1:3002` (whitespace allowed; a bare
 * port means 127.0.0.1). Throws on a malformed entry or a name given twice.
 */
export function parseRoutes(spec: string): RouteTable {
  const routes = new Map<string, Upstream>();
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new Error(`route "${entry}" is not <service>=<host>:<port>`);
    const name = entry.slice(0, eq).trim();
    const address = entry.slice(eq + 1).trim();
    if (!serviceName.test(name))
      throw new Error(`route "${entry}": invalid service name "${name}"`);
    if (routes.has(name)) throw new Error(`route "${name}" is given twice`);
    const colon = address.lastIndexOf(':');
    const host = colon >= 0 ? address.slice(0, colon).replace(/^\[(.*)\]$/, '$1') : '127.0.0.1';
    const portText = colon >= 0 ? address.slice(colon + 1) : address;
    const port = Number(portText);
    if (!host || !/^\d+$/.test(portText) || port < 1 || port > 65535) {
      throw new Error(`route "${entry}": expected <host>:<port>`);
    }
    routes.set(name, { host, port });
  }
  return routes;
}

/** The upstream for a request path (`/<service>/...`, query allowed), or undefined. */
export function routeFor(routes: RouteTable, path: string): Route | undefined {
  const pathname = path.split(/[?#]/, 1)[0] ?? '';
  if (!pathname.startsWith('/')) return undefined;
  const segment = pathname.slice(1).split('/', 1)[0] ?? '';
  if (!segment) return undefined;
  let service: string;
  try {
    service = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  const upstream = routes.get(service);
  return upstream ? { service, upstream } : undefined;
}
