// How the demo seed talks to the platform: through the gateway with development tokens,
// each write under an Idempotency-Key so a retried request is applied once.
import { retry } from '../../libs/events/src/retry.ts';
import { signToken, type TokenClaims } from '../../libs/testing/src/identity.ts';

/** A failure worth one line in the seed's report (the request and the answer). */
export class SeedError extends Error {
  readonly status: number | undefined;
  readonly body: string;
  /** A dropped connection, a 5xx of the gateway, a request still in progress: worth a retry. */
  readonly transient: boolean;
  constructor(message: string, status?: number, body = '', transient = false) {
    super(message);
    this.status = status;
    this.body = body;
    this.transient = transient;
  }
  /** The problem's `code`, when the service answered with one. */
  get code(): string | undefined {
    try {
      return (JSON.parse(this.body) as { code?: string }).code;
    } catch {
      return undefined;
    }
  }
}

export interface Gateway {
  get<T>(token: string, path: string): Promise<T>;
  post<T>(token: string, path: string, body: unknown, idempotencyKey?: string): Promise<T>;
  /** How many requests this run has made. */
  readonly requests: number;
}

export function gateway(baseUrl: string): Gateway {
  const base = baseUrl.replace(/\/$/, '');
  let requests = 0;
  async function call(
    token: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<unknown> {
    const url = `${base}${path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'x-purpose': 'demo data seeding',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const once = async (): Promise<unknown> => {
      requests++;
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        throw new SeedError(`${method} ${path}: ${(error as Error).message}`, undefined, '', true);
      }
      const text = await response.text();
      if (response.ok) return text ? (JSON.parse(text) as unknown) : undefined;
      // 409 "in progress" of an idempotent request, or a transient 5xx: retry with the same key.
      const transient =
        (response.status === 409 && !!idempotencyKey && /in.progress|still being/i.test(text)) ||
        response.status >= 502;
      throw new SeedError(
        `${method} ${path} -> ${response.status}\n  request: ${body === undefined ? '' : JSON.stringify(body)}\n  response: ${text.slice(0, 2000)}`,
        response.status,
        text,
        transient,
      );
    };
    return retry(once, {
      attempts: 3,
      waits: { firstMs: 300, maxMs: 600 },
      retryOn: (error) => error instanceof SeedError && error.transient,
    });
  }
  return {
    get: async <T>(token: string, path: string) => (await call(token, 'GET', path)) as T,
    post: async <T>(token: string, path: string, body: unknown, key?: string) =>
      (await call(token, 'POST', path, body, key)) as T,
    get requests() {
      return requests;
    },
  };
}

/** Polls `read` until `done` holds (events travel through Kafka), or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const notYet = new SeedError(`${what}: not there after ${timeoutMs} ms`);
  return retry(
    async () => {
      const value = await read();
      if (done(value)) return value;
      throw notYet;
    },
    { withinMs: timeoutMs, waits: { firstMs: 100, maxMs: 1000 }, retryOn: (e) => e === notYet },
  );
}

/** Signs development tokens (the dev key of .data/keys), one per caller, cached. */
export function tokenSigner(privateKeyPem: string): (claims: TokenClaims) => string {
  const cache = new Map<string, string>();
  return (claims) => {
    const key = JSON.stringify(claims);
    let token = cache.get(key);
    if (!token) {
      token = signToken(privateKeyPem, claims, { expiresIn: 3600 });
      cache.set(key, token);
    }
    return token;
  };
}
