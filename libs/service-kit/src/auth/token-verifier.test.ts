import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NotAuthenticatedError } from '@rehab/domain-kit';
import { createTokenVerifier, readPublicKeys, type TokenVerifier } from './token-verifier.ts';

function rsaPair(): { privateKey: KeyObject; publicKey: KeyObject; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

const idp = rsaPair();
const other = rsaPair();

const claims = {
  sub: 'officer-17',
  agency: 'police',
  orgUnit: '99001',
  roles: ['case-officer'],
};

function sign(
  payload: Record<string, unknown> = claims,
  options: jwt.SignOptions = {},
  key: KeyObject = idp.privateKey,
): string {
  return jwt.sign(payload, key, { algorithm: 'RS256', expiresIn: '5m', ...options });
}

async function refusal(promise: Promise<unknown>): Promise<NotAuthenticatedError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected the token to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotAuthenticatedError);
  return error as NotAuthenticatedError;
}

describe('token verifier with PEM public keys', () => {
  const verifier = createTokenVerifier({ publicKeys: [idp.publicPem] });

  it('turns an RS256 token signed by the identity provider into a principal', async () => {
    const principal = await verifier.verify(sign({ ...claims, extra: 'ignored' }));
    expect(principal).toEqual(claims);
  });

  it('accepts a bearer token from the Authorization header, case-insensitively', async () => {
    await expect(verifier.fromAuthorizationHeader(`Bearer ${sign()}`)).resolves.toEqual(claims);
    await expect(verifier.fromAuthorizationHeader(`bearer  ${sign()}`)).resolves.toEqual(claims);
  });

  it('refuses an expired token with code token-invalid', async () => {
    const expired = sign(claims, { expiresIn: -60 });
    const error = await refusal(verifier.verify(expired));
    expect(error.code).toBe('token-invalid');
    expect(error.kind).toBe('unauthenticated');
    expect(error.message).toContain('jwt expired');
    expect(error.options.field).toBe('Authorization');
  });

  it('refuses an HS256 token signed with a shared secret, even with valid claims', async () => {
    const hs = jwt.sign(claims, 'a-leaked-service-secret', { algorithm: 'HS256' });
    const error = await refusal(verifier.verify(hs));
    expect(error.code).toBe('token-invalid');
  });

  it('refuses an HS256 token whose secret is the public key PEM (algorithm confusion)', async () => {
    const forged = [
      Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...claims, iat: Math.floor(Date.now() / 1000) })).toString(
        'base64url',
      ),
    ].join('.');
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', idp.publicPem).update(forged).digest('base64url');
    const error = await refusal(verifier.verify(`${forged}.${signature}`));
    expect(error.code).toBe('token-invalid');
  });

  it('refuses an unsigned (alg none) token', async () => {
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      '',
    ].join('.');
    const error = await refusal(verifier.verify(unsigned));
    expect(error.code).toBe('token-invalid');
  });

  it('refuses a token signed by a key it does not know', async () => {
    const error = await refusal(verifier.verify(sign(claims, {}, other.privateKey)));
    expect(error.code).toBe('token-invalid');
    expect(error.message).toContain('invalid signature');
  });

  it('refuses garbage that is not a JWT', async () => {
    const error = await refusal(verifier.verify('not-a-token'));
    expect(error.code).toBe('token-invalid');
  });

  it('accepts a token signed by any of several keys (rotation)', async () => {
    const rotating = createTokenVerifier({ publicKeys: [other.publicPem, idp.publicPem] });
    await expect(rotating.verify(sign())).resolves.toEqual(claims);
    await expect(rotating.verify(sign(claims, {}, other.privateKey))).resolves.toEqual(claims);
  });

  it('refuses a token without the agency claim, naming the claim', async () => {
    const { agency: _omit, ...noAgency } = claims;
    const error = await refusal(verifier.verify(sign(noAgency)));
    expect(error.code).toBe('token-invalid');
    expect(error.message).toContain('agency');
    expect(error.message).toContain('claims agency missing or invalid');
  });

  it('refuses a token whose agency is unknown or whose roles are empty, naming each claim', async () => {
    const error = await refusal(verifier.verify(sign({ ...claims, agency: 'army', roles: [] })));
    expect(error.message).toContain('agency');
    expect(error.message).toContain('roles');
  });

  it('reports token-missing when the Authorization header is absent or not a Bearer token', async () => {
    for (const header of [undefined, '', sign(), `Basic ${sign()}`, 'Bearer', 'Bearer a b']) {
      const error = await refusal(verifier.fromAuthorizationHeader(header));
      expect(error.code).toBe('token-missing');
      expect(error.options.field).toBe('Authorization');
    }
  });

  it('cannot be created without keys or a JWKS URL', () => {
    expect(() => createTokenVerifier({})).toThrow(/public keys or a JWKS URL/);
    expect(() => createTokenVerifier({ publicKeys: [] })).toThrow();
  });
});

describe('token verifier keeping verified tokens', () => {
  const verifier = createTokenVerifier({ publicKeys: [idp.publicPem] });
  afterEach(() => vi.useRealTimers());

  it('refuses a kept token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = sign(claims, { expiresIn: 60 });
    await expect(verifier.verify(token)).resolves.toEqual(claims);
    await expect(verifier.verify(token)).resolves.toEqual(claims);
    vi.setSystemTime(Date.now() + 61_000);
    const error = await refusal(verifier.verify(token));
    expect(error.message).toContain('jwt expired');
  });

  it('refuses a kept token whose payload was changed, keeping its signature', async () => {
    const token = sign();
    await expect(verifier.verify(token)).resolves.toEqual(claims);
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, agency: 'court' })).toString(
      'base64url',
    );
    const error = await refusal(verifier.verify(`${header}.${payload}.${signature}`));
    expect(error.message).toContain('invalid signature');
  });

  it("hands each caller its own principal, so one request cannot change another's", async () => {
    const token = sign();
    const first = await verifier.verify(token);
    first.roles.push('admin');
    await expect(verifier.verify(token)).resolves.toEqual(claims);
  });
});

describe('token verifier with issuer and audience configured', () => {
  const verifier = createTokenVerifier({
    publicKeys: [idp.publicPem],
    issuer: 'https://idp.rehab.example',
    audience: 'registry',
  });

  it('accepts a token from the configured issuer for the configured audience', async () => {
    const token = sign(claims, { issuer: 'https://idp.rehab.example', audience: 'registry' });
    await expect(verifier.verify(token)).resolves.toEqual(claims);
  });

  it('refuses a token from another issuer', async () => {
    const token = sign(claims, { issuer: 'https://evil.example', audience: 'registry' });
    const error = await refusal(verifier.verify(token));
    expect(error.code).toBe('token-invalid');
    expect(error.message).toContain('jwt issuer invalid');
  });

  it('refuses a token for another audience', async () => {
    const token = sign(claims, { issuer: 'https://idp.rehab.example', audience: 'treatment' });
    const error = await refusal(verifier.verify(token));
    expect(error.message).toContain('jwt audience invalid');
  });

  it('refuses a token with no issuer or audience at all', async () => {
    const error = await refusal(verifier.verify(sign()));
    expect(error.code).toBe('token-invalid');
  });
});

describe('readPublicKeys', () => {
  it('reads every PEM public key in one file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-verifier-'));
    try {
      const file = join(dir, 'keys.pem');
      writeFileSync(file, `# rotation\n${idp.publicPem}\n${other.publicPem}\n`);
      const keys = readPublicKeys(file);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toBe(idp.publicPem.trim());
      expect(keys[1]).toBe(other.publicPem.trim());
      writeFileSync(file, 'no keys here');
      expect(readPublicKeys(file)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('token verifier with a JWKS endpoint', () => {
  let server: Server;
  let jwksUrl: string;
  let requests = 0;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    const jwk = {
      ...idp.publicKey.export({ format: 'jwk' }),
      kid: 'idp-2026',
      alg: 'RS256',
      use: 'sig',
    };
    server = createServer((req, res) => {
      requests += 1;
      if (req.url !== '/jwks.json') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    jwksUrl = `http://127.0.0.1:${port}/jwks.json`;
    verifier = createTokenVerifier({ jwksUrl });
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  it('verifies a token whose header kid names a key the endpoint serves', async () => {
    const token = sign(claims, { keyid: 'idp-2026' });
    await expect(verifier.verify(token)).resolves.toEqual(claims);
    expect(requests).toBeGreaterThanOrEqual(1);
  });

  it('refuses a token whose kid the endpoint does not serve', async () => {
    const token = sign(claims, { keyid: 'unknown-kid' });
    const error = await refusal(verifier.verify(token));
    expect(error.code).toBe('token-invalid');
  });

  it('refuses a token with a served kid but signed by another key', async () => {
    const token = sign(claims, { keyid: 'idp-2026' }, other.privateKey);
    const error = await refusal(verifier.verify(token));
    expect(error.message).toContain('invalid signature');
  });

  it('refuses a token without kid when only a JWKS URL is configured', async () => {
    const error = await refusal(verifier.verify(sign()));
    expect(error.code).toBe('token-invalid');
  });

  it('falls back to PEM keys when the kid is unknown to the JWKS endpoint', async () => {
    const both = createTokenVerifier({ jwksUrl, publicKeys: [other.publicPem] });
    const token = sign(claims, { keyid: 'rotated-out' }, other.privateKey);
    await expect(both.verify(token)).resolves.toEqual(claims);
  });
});
