import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendEntry,
  canonicalJson,
  GENESIS_HASH,
  verifyChain,
  type RegisterEntry,
} from './register-chain.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const content = (n: number) => ({
  siteId: 's1',
  recordedAt: `2026-03-0${n}T01:00:00.000Z`,
  serviceDate: `2026-03-0${n}`,
  kind: 'dose' as const,
  staff: { userId: 'nurse-lan', fullName: 'Nguyễn Thị Lan', role: 'nurse' },
  lot: 'L1',
  deltaUl: -6_000,
  patientId: `p${n}`,
  doseMg: 60,
  key: `dose:p${n}`,
});
const chain = (count: number): RegisterEntry[] => {
  const entries: RegisterEntry[] = [];
  for (let i = 1; i <= count; i++) entries.push(appendEntry(entries.at(-1), content(i), sha256));
  return entries;
};

describe('the register is a hash chain: each entry carries the hash of the previous one', () => {
  it('links entries from the genesis hash and verifies an intact chain', () => {
    const entries = chain(3);
    expect(entries[0]).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(verifyChain(entries, sha256)).toEqual({
      valid: true,
      entries: 3,
      head: entries[2]!.hash,
    });
  });

  it('names the first altered entry when a dose is changed after the fact', () => {
    const entries = chain(4);
    entries[1] = { ...entries[1]!, doseMg: 80 };
    expect(verifyChain(entries, sha256)).toMatchObject({
      valid: false,
      firstBroken: { seq: 2, reason: 'content-altered' },
    });
  });

  it('detects a removed entry and a re-hashed forgery that breaks the next link', () => {
    const removed = chain(3).filter((e) => e.seq !== 2);
    expect(verifyChain(removed, sha256)).toMatchObject({
      firstBroken: { seq: 2, reason: 'missing' },
    });
    const forged = chain(3);
    const altered = { ...forged[1]!, doseMg: 80 };
    const { prevHash: _p, hash: _h, ...rest } = altered;
    forged[1] = appendEntry(forged[0], rest, sha256);
    expect(verifyChain(forged, sha256)).toMatchObject({
      firstBroken: { seq: 3, reason: 'link-broken' },
    });
  });

  it('hashes the same content the same whatever the key order, Vietnamese text included', () => {
    expect(canonicalJson({ b: 1, a: { d: 'Lê Văn Tám', c: [2, 1] } })).toBe(
      '{"a":{"c":[2,1],"d":"Lê Văn Tám"},"b":1}',
    );
  });
});
