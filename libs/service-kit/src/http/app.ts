import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { runReadiness, type ReadinessCheck } from '../health/readiness.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';
import type { Api } from './api.ts';
import { notFoundHandler, problemHandler } from './problem.ts';
import { ensureServerSpan } from './tracing.ts';

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  metrics: ServiceMetrics;
  readiness: readonly ReadinessCheck[];
  apis: readonly Api[];
  /** Served at `/<service>/openapi.json`. */
  openApi?: () => Record<string, unknown>;
  /** Extra documents such as `/<service>/asyncapi.json`. */
  documents?: Record<string, () => Record<string, unknown>>;
  /** Static files (a page and its scripts) by path, served as they are, without a token. */
  files?: Record<string, { contentType: string; read: () => Buffer }>;
  bodyLimit?: string;
  trustProxy?: string;
  /** Set while shutting down: readiness answers 503 so the load balancer drains us. */
  isShuttingDown?: () => boolean;
}

const requestIdPattern = /^[\w.:-]{1,100}$/;

/** Accepts a caller's X-Request-Id when sane (for cross-system tracing), else mints one (random: it need not sort, and Node pools the randomness). */
function requestIds(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id =
      typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}

function accessLog(logger: Logger, metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route
        ? `${req.baseUrl}${String((req.route as { path: string }).path)}`
        : 'unmatched';
      metrics.httpDuration.observe(
        { method: req.method, route, status: String(res.statusCode) },
        seconds,
      );
      if (req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics') return;
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    });
    next();
  };
}

/**
 * The express application every service uses: security headers, body limits, request
 * ids, access logs and latency metrics, health and readiness, metrics, the service's
 * APIs, and problem+json for every error.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 'loopback');
  app.set('etag', false);
  app.use(helmet());
  app.use(ensureServerSpan());
  app.use(requestIds());
  app.use(accessLog(options.logger, options.metrics));
  app.use(
    express.json({
      limit: options.bodyLimit ?? '100kb',
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  app.get('/readyz', async (_req, res) => {
    if (options.isShuttingDown?.()) {
      res.status(503).json({ status: 'shutting-down', checks: {} });
      return;
    }
    const report = await runReadiness(options.readiness);
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  if (options.openApi) {
    const openApi = options.openApi;
    app.get(`/${options.service}/openapi.json`, (_req, res) => {
      res.json(openApi());
    });
  }
  for (const [path, build] of Object.entries(options.documents ?? {})) {
    app.get(path, (_req, res) => {
      res.json(build());
    });
  }
  for (const [path, file] of Object.entries(options.files ?? {})) {
    app.get(path, (_req, res) => {
      res.type(file.contentType).send(file.read());
    });
  }
  for (const api of options.apis) app.use(api.basePath, api.router);

  app.use(notFoundHandler());
  app.use(problemHandler(options.logger));
  return app;
}
