// Development gateway: one port (GATEWAY_PORT, default 8080) in front of the services.
// `/<service>/...` goes, path unchanged, to the address ROUTES gives for <service>
// (ROUTES="registry=127.0.0.1:3001,assessment=127.0.0.1:3002"). Bodies stream both ways;
// an unknown prefix is a 404 and a service that does not answer a 502 (problem+json).
// `/healthz` is the gateway's own. node:http only; production uses a real ingress.
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parseRoutes, routeFor } from './gateway-routes.ts';

const port = Number(process.env.GATEWAY_PORT ?? 8080);
const host = process.env.GATEWAY_HOST ?? '127.0.0.1';
const routes = parseRoutes(process.env.ROUTES ?? '');

// Headers that belong to one connection and are not forwarded (RFC 9110 section 7.6.1).
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name) && !named.has(name)) out[name] = value;
  }
  return out;
}

function problem(
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail?: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({
    type: `urn:rehab:problem:${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
  });
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function proxy(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  if (url === '/healthz' || url.startsWith('/healthz?')) {
    const body = JSON.stringify({ status: 'ok', routes: [...routes.keys()] });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
    return;
  }
  const route = routeFor(routes, url);
  if (!route) {
    problem(
      res,
      404,
      'not-found',
      'No service serves this path',
      `known: /${[...routes.keys()].join(', /')}`,
    );
    return;
  }
  const headers = withoutHopByHop(req.headers);
  const client = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
  headers['x-forwarded-proto'] = req.headers['x-forwarded-proto'] ?? 'http';
  if (req.headers.host) headers['x-forwarded-host'] ??= req.headers.host;

  const upstreamReq = http.request(
    {
      host: route.upstream.host,
      port: route.upstream.port,
      method: req.method,
      path: url,
      headers,
      agent,
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, withoutHopByHop(upstreamRes.headers));
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    },
  );
  upstreamReq.on('error', (error) => {
    problem(
      res,
      502,
      'bad-gateway',
      `Service "${route.service}" is not answering`,
      `${route.upstream.host}:${route.upstream.port}: ${(error as NodeJS.ErrnoException).code ?? error.message}`,
    );
  });
  // The client went away: stop the upstream exchange too.
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
}

const server = http.createServer(proxy);
server.keepAliveTimeout = 65_000;
server.on('clientError', (_error, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});
server.listen(port, host, () => {
  const list = [...routes].map(([name, u]) => `/${name} -> ${u.host}:${u.port}`).join(', ');
  console.log(`gateway listening on http://${host}:${port} (${list || 'no routes'})`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  agent.destroy();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
