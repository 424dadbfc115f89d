// The shared payloads must be accepted by the registry's own request schemas: the k6 scripts
// and the integration tests build their bodies here, so drift fails this unit test.
import { describe, expect, it } from 'vitest';
import * as schemas from '../../../../services/registry/src/http/schemas.ts';
import {
  daysAgo,
  detectionBody,
  movementBody,
  nationalIdFor,
  referralBody,
  registerPersonBody,
  searchQueryFor,
} from './registry.ts';

describe('shared registry payloads', () => {
  it('builds registration bodies the API accepts, deterministic per seed', () => {
    for (let seed = 0; seed < 200; seed++) {
      const body = registerPersonBody(seed, { withNationalId: seed % 2 === 0 });
      expect(schemas.registerPersonBody.safeParse(body).success, JSON.stringify(body)).toBe(true);
    }
    expect(registerPersonBody(7)).toEqual(registerPersonBody(7));
    expect(registerPersonBody(7, { fullName: 'Lê Văn Tám' }).fullName).toBe('Lê Văn Tám');
  });

  it('gives unique 12-digit national IDs per seed', () => {
    const ids = new Set(Array.from({ length: 1000 }, (_, i) => nationalIdFor(1_000_000 + i)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^\d{12}$/);
  });

  it('builds detection, movement and referral bodies the API accepts', () => {
    for (let seed = 0; seed < 50; seed++) {
      expect(schemas.detectionBody.safeParse(detectionBody({ seed })).success).toBe(true);
    }
    for (const kind of ['residence-change', 'absence', 'imprisonment', 'death'] as const) {
      expect(schemas.movementBody.safeParse(movementBody(kind)).success, kind).toBe(true);
    }
    expect(schemas.referralBody.safeParse(referralBody()).success).toBe(true);
    const voluntary = referralBody('voluntary', { referredOn: daysAgo(1), note: 'Tự nguyện' });
    expect(schemas.referralBody.safeParse(voluntary).success).toBe(true);
  });

  it('builds a search query without diacritics that names the person', () => {
    const query = searchQueryFor(registerPersonBody(3, { fullName: 'Đặng Thị Ánh' }));
    expect(query).toBe('q=dang%20thi%20anh');
    expect(schemas.searchQuery.safeParse({ q: 'dang thi anh' }).success).toBe(true);
  });
});
