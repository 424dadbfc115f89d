import { createHmac } from 'node:crypto';

/**
 * A person in the read models is a keyed hash of the platform's person id: stable (so
 * events about one person meet), not reversible without the key, and no name or national
 * ID number is ever kept (docs/architecture.md section 5).
 */
export function pseudonymizer(key: string): (personId: string) => string {
  return (personId) => createHmac('sha256', key).update(personId).digest('base64url').slice(0, 32);
}
