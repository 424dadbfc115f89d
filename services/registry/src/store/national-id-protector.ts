import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * National ID numbers at rest: AES-256-GCM ciphertext (confidentiality and integrity)
 * plus an HMAC-SHA-256 keyed hash for equality lookups and uniqueness. Both keys are
 * derived from one master key with HKDF, so a leaked hash key alone cannot decrypt and
 * the hash cannot be reversed by enumerating the 10^12 numbers without the key.
 */
export interface NationalIdProtector {
  encrypt(nationalId: string): string;
  decrypt(stored: string): string;
  lookupHash(nationalId: string): string;
}

/** `masterKey` is 32+ random bytes (base64 in config, never a default). */
export function createNationalIdProtector(masterKey: Buffer): NationalIdProtector {
  if (masterKey.length < 32) throw new Error('NATIONAL_ID_KEY must decode to at least 32 bytes');
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('rehab/registry/national-id/encryption/v1');
  const hashKey = derive('rehab/registry/national-id/lookup-hash/v1');
  return {
    encrypt(nationalId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const ciphertext = Buffer.concat([cipher.update(nationalId, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        ciphertext.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    decrypt(stored) {
      const [version, iv, ciphertext, tag] = stored.split('.');
      if (version !== 'v1' || !iv || !ciphertext || !tag)
        throw new Error('unrecognised national ID ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
    lookupHash: (nationalId) =>
      createHmac('sha256', hashKey).update(nationalId, 'utf8').digest('base64url'),
  };
}
