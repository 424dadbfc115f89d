import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';

/** Claims of a platform token (docs/architecture.md section 5). */
export interface TokenClaims {
  sub: string;
  agency: 'police' | 'health' | 'labour' | 'commune' | 'court' | 'facility' | 'it';
  orgUnit: string;
  roles: string[];
}

/** An RS256 key pair standing in for the province's identity provider. */
export interface TestIdentityProvider {
  publicKeyPem: string;
  /** A file with the public key, for JWT_PUBLIC_KEY_FILE. */
  publicKeyFile: string;
  issue(claims: TokenClaims, options?: { expiresIn?: number; issuer?: string }): string;
}

/** Signs tokens with a given private key (the dev key pair, or a fresh test one). */
export function signToken(
  privateKeyPem: string,
  claims: TokenClaims,
  options: { expiresIn?: number; issuer?: string } = {},
): string {
  return jwt.sign(claims, privateKeyPem, {
    algorithm: 'RS256',
    expiresIn: options.expiresIn ?? 3600,
    issuer: options.issuer ?? 'rehab-dev-idp',
  });
}

/** A fresh key pair per test process; nothing is committed or reused across runs. */
export function createTestIdentityProvider(): TestIdentityProvider {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const publicKeyFile = join(mkdtempSync(join(tmpdir(), 'rehab-idp-')), 'public.pem');
  writeFileSync(publicKeyFile, publicKeyPem);
  return {
    publicKeyPem,
    publicKeyFile,
    issue: (claims, options) => signToken(privateKeyPem, claims, options),
  };
}
