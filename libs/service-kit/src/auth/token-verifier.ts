import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt, { type JwtHeader, type SigningKeyCallback } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { errorCode, NotAuthenticatedError } from '@rehab/domain-kit';
import { principalClaimsSchema, type Principal } from './principal.ts';

const tokenMissing = errorCode(
  'token-missing',
  'A bearer token is required',
  'Cần mã truy cập (bearer token)',
);
export const tokenInvalid = errorCode(
  'token-invalid',
  'The bearer token is not valid: {reason}',
  'Mã truy cập không hợp lệ: {reason}',
);

export interface TokenVerifierOptions {
  /** PEM public keys (RS256); any of them may have signed the token (key rotation). */
  publicKeys?: readonly string[];
  /** The identity provider's JWKS endpoint, used when the token carries a `kid`. */
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
}

/** Verifies bearer tokens into principals. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  fromAuthorizationHeader(header: string | undefined): Promise<Principal>;
}

/** Reads every PEM public key in a file (one file may hold several during rotation). */
export function readPublicKeys(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
}

/**
 * Tokens already verified are kept until they expire: a client sends the same token with
 * every request, and checking its RS256 signature was most of the cost of authenticating
 * one. Only the exact token string is a hit, so a changed token is checked afresh; one
 * without `exp` is never kept.
 */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * RS256 only: a shared-secret (HS*) or unsigned token is refused whatever its claims,
 * so a leaked service config cannot mint tokens.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  // Parsed once: parsing a PEM on every request was a tenth of the cost of verifying it.
  const keys = (options.publicKeys ?? []).map((pem) => createPublicKey(pem));
  const jwks = options.jwksUrl
    ? new JwksClient({ jwksUri: options.jwksUrl, cache: true, rateLimit: true })
    : undefined;
  if (keys.length === 0 && !jwks) throw new Error('token verifier needs public keys or a JWKS URL');

  const verifyWith = (
    token: string,
    key: KeyObject | ((h: JwtHeader, cb: SigningKeyCallback) => void),
  ) =>
    new Promise<unknown>((resolve, reject) => {
      jwt.verify(
        token,
        key,
        {
          algorithms: ['RS256'],
          ...(options.issuer ? { issuer: options.issuer } : {}),
          ...(options.audience ? { audience: options.audience } : {}),
        },
        (error, payload) => (error ? reject(error) : resolve(payload)),
      );
    });

  const jwksKey = (client: JwksClient) => (header: JwtHeader, callback: SigningKeyCallback) => {
    client.getSigningKey(header.kid).then(
      (key) => callback(null, key.getPublicKey()),
      (error: Error) => callback(error),
    );
  };

  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  const remember = (token: string, principal: Principal, payload: unknown) => {
    const exp = (payload as { exp?: unknown }).exp;
    if (typeof exp !== 'number') return;
    if (verified.size >= VERIFIED_TOKENS_KEPT) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(token, { principal, expiresAtMs: exp * 1000 });
  };

  async function verify(token: string): Promise<Principal> {
    const known = verified.get(token);
    if (known && Date.now() < known.expiresAtMs) {
      return { ...known.principal, roles: [...known.principal.roles] };
    }
    if (known) verified.delete(token);
    let payload: unknown;
    let lastError: unknown;
    const header = jwt.decode(token, { complete: true })?.header;
    if (jwks && header?.kid) {
      payload = await verifyWith(token, jwksKey(jwks)).catch((error: unknown) => {
        lastError = error;
        return undefined;
      });
    }
    for (const key of keys) {
      if (payload) break;
      payload = await verifyWith(token, key).catch((error: unknown) => {
        lastError = error;
        return undefined;
      });
    }
    if (!payload) throw invalid(lastError instanceof Error ? lastError.message : 'unverifiable');
    const claims = principalClaimsSchema.safeParse(payload);
    if (!claims.success) {
      throw invalid(
        `claims ${claims.error.issues.map((i) => i.path.join('.')).join(', ')} missing or invalid`,
      );
    }
    remember(token, claims.data, payload);
    return { ...claims.data, roles: [...claims.data.roles] };
  }

  return {
    verify,
    async fromAuthorizationHeader(header) {
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match?.[1]) throw new NotAuthenticatedError(tokenMissing, { field: 'Authorization' });
      return verify(match[1]);
    },
  };
}

function invalid(reason: string): NotAuthenticatedError {
  return new NotAuthenticatedError(tokenInvalid, { params: { reason }, field: 'Authorization' });
}
