import { Router, type Request, type Response } from 'express';
import { errorCode, InputError } from '@rehab/domain-kit';
import { withRequestKey } from '@rehab/persistence';
import type { Logger } from 'pino';
import type { Policy } from '../auth/policy.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { Principal } from '../auth/principal.ts';
import type { IdempotencyStore } from '../idempotency/idempotency-store.ts';
import { buildOpenApi, type OpenApiInfo } from './openapi.ts';
import type { RouteDefinition, RouteResult } from './route.ts';
import { parseRequestPart } from './validation.ts';
import { faultPoint } from '../runtime/fault-points.ts';

const badIdempotencyKey = errorCode(
  'idempotency-key-invalid',
  'Idempotency-Key must be 1 to 200 visible ASCII characters',
  'Idempotency-Key phải gồm 1 đến 200 ký tự ASCII hiển thị được',
);

export interface ApiOptions {
  /** e.g. `/registry/v1` */
  basePath: string;
  verifier: TokenVerifier;
  policy: Policy;
  idempotency?: IdempotencyStore;
  /** Where audited routes record their reads; required when any route is audited. */
  audit?: AuditTrail;
  logger: Logger;
}

/** Why a record is read (`X-Purpose`), else the operation that read it. */
function purposeOf(req: Request, operation: string): string {
  const header = req.headers['x-purpose'];
  return typeof header === 'string' && header.trim() ? header.trim().slice(0, 200) : operation;
}

/** A service's versioned API: its routes, their express router and their OpenAPI document. */
export interface Api {
  readonly basePath: string;
  readonly router: Router;
  route(definition: RouteDefinition): void;
  openApi(info: OpenApiInfo): Record<string, unknown>;
}

/**
 * Every route goes through the same steps, in this order: authenticate (401), check the
 * policy for the operation (403), validate input (400), honour Idempotency-Key, call the
 * handler, write the result. Routes cannot skip a step by forgetting it.
 */
export function createApi(options: ApiOptions): Api {
  const router = Router();
  const routes: RouteDefinition[] = [];
  const knownOperations = new Set(Object.keys(options.policy.document.operations));

  // The audit entries of an answer, written before the answer leaves (docs/architecture.md
  // section 5): a read that cannot be audited is not answered.
  const audited = async (
    definition: RouteDefinition,
    req: Request,
    principal: Principal,
    requestId: string,
    result: RouteResult,
  ): Promise<RouteResult> => {
    if (!definition.audited || !options.audit || result.status >= 300) return result;
    const audit = options.audit;
    const personIds = [...new Set(definition.audited.personIds(result.body))];
    await Promise.all(
      personIds.map((personId) =>
        audit.record({
          action: 'read',
          resourceType: 'person',
          resourceId: personId,
          actor: principal,
          purpose: purposeOf(req, definition.operation),
          operation: definition.operation,
          requestId,
        }),
      ),
    );
    return result;
  };

  function route(definition: RouteDefinition): void {
    if (definition.audited && !options.audit) {
      throw new Error(`route ${definition.path} is audited but the API has no audit trail`);
    }
    if (!knownOperations.has(definition.operation)) {
      throw new Error(
        `route ${definition.method.toUpperCase()} ${definition.path} uses operation "${definition.operation}" missing from the policy file`,
      );
    }
    routes.push(definition);
    router[definition.method](definition.path, async (req: Request, res: Response) => {
      const principal = await options.verifier.fromAuthorizationHeader(req.headers.authorization);
      options.policy.rulesFor(principal, definition.operation);
      const params = definition.params
        ? parseRequestPart(definition.params, req.params, 'params')
        : {};
      const query = definition.query ? parseRequestPart(definition.query, req.query, 'query') : {};
      const body = definition.body
        ? parseRequestPart(definition.body, req.body ?? {}, 'body')
        : undefined;
      const requestId = res.locals.requestId as string;
      const run = async () =>
        audited(
          definition,
          req,
          principal,
          requestId,
          await definition.handler({
            params,
            query,
            body,
            principal,
            requestId,
            logger: options.logger.child({ requestId, operation: definition.operation }),
            req,
            res,
            requireJurisdiction: (unitCode) =>
              options.policy.requireJurisdiction(principal, definition.operation, unitCode),
            coversUnit: (unitCode) =>
              options.policy.coversUnit(principal, definition.operation, unitCode),
          }),
        );

      const key = req.headers['idempotency-key'];
      if (definition.idempotent && options.idempotency && typeof key === 'string') {
        if (!/^[\x21-\x7e]{1,200}$/.test(key))
          throw new InputError(badIdempotencyKey, { field: 'Idempotency-Key' });
        const scope = `${principal.sub}|${req.method}|${req.baseUrl}${req.path}`;
        const claim = await options.idempotency.begin(scope, key, req.body);
        if (claim.kind === 'replay') {
          write(res, {
            ...claim.response,
            headers: { ...claim.response.headers, 'Idempotent-Replayed': 'true' },
          });
          return;
        }
        faultPoint('idempotency-claimed');
        let result: RouteResult;
        try {
          result = await withRequestKey({ token: claim.token, takeover: claim.takeover }, run);
        } catch (error) {
          await options.idempotency.abandon(scope, key);
          throw error;
        }
        faultPoint('idempotency-written');
        await options.idempotency.complete(scope, key, {
          status: result.status,
          headers: result.headers ?? {},
          body: result.body ?? null,
        });
        write(res, result);
        return;
      }
      write(res, await run());
    });
  }

  return {
    basePath: options.basePath,
    router,
    route,
    openApi: (info) => buildOpenApi(info, options.basePath, routes),
  };
}

function write(res: Response, result: RouteResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.body === undefined || result.body === null) {
    res.status(result.status).end();
    return;
  }
  // A file (CSV, XLSX export) goes out as it is, with the Content-Type the route set.
  if (Buffer.isBuffer(result.body)) {
    res.status(result.status).send(result.body);
    return;
  }
  res.status(result.status).json(result.body);
}
