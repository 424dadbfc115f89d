import type { Persistence } from '@rehab/persistence';
import type { NationalIdIndex } from '../app/ports.ts';
import type { NationalIdProtector } from './national-id-protector.ts';

/**
 * Uniqueness of national ID numbers: a claim per number whose key is the keyed hash (an
 * optional unique value gets its own collection; docs/storage.md). A claim left by a crash
 * between claiming and writing the person is taken over once it is old and its person
 * does not exist.
 */
export function mongoNationalIdIndex(
  persistence: Persistence,
  protector: NationalIdProtector,
  personExists: (personId: string) => Promise<boolean>,
): NationalIdIndex {
  const claims = persistence.claims('nationalIdKeys');
  const isOrphan = async (personId: string) => !(await personExists(personId));
  return {
    async claim(nationalId, personId) {
      const claim = await claims.claim(protector.lookupHash(nationalId), personId, { isOrphan });
      return claim.claimed ? { claimed: true } : { claimed: false, holderId: claim.holder };
    },
    async release(nationalId, personId) {
      await claims.release(protector.lookupHash(nationalId), personId);
    },
  };
}
