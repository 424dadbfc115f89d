import { describe, expect, it } from 'vitest';
import { importOutcomeOf, isRetriableStatus } from './dhis2-import.ts';

describe("DHIS2's import summary", () => {
  it('reads the WebMessage of DHIS2 2.38+ (HTTP 409 with conflicts)', () => {
    const body = {
      httpStatus: 'Conflict',
      httpStatusCode: 409,
      status: 'ERROR',
      message: 'One more conflicts encountered, please check import summary.',
      response: {
        responseType: 'ImportSummary',
        status: 'ERROR',
        importCount: { imported: 0, updated: 0, ignored: 2, deleted: 0 },
        conflicts: [
          { object: 'REHAB_MGMT_LIST', value: 'Data element not found or not accessible' },
        ],
      },
    };
    expect(importOutcomeOf(body)).toEqual({
      status: 'ERROR',
      importCount: { imported: 0, updated: 0, ignored: 2, deleted: 0 },
      conflicts: [{ object: 'REHAB_MGMT_LIST', value: 'Data element not found or not accessible' }],
    });
  });

  it('reads the bare ImportSummary of older versions, and nothing from an HTML error page', () => {
    expect(
      importOutcomeOf({ status: 'SUCCESS', importCount: { imported: 3, updated: 1 } }),
    ).toMatchObject({
      status: 'SUCCESS',
      importCount: { imported: 3, updated: 1, ignored: 0, deleted: 0 },
      conflicts: [],
    });
    expect(importOutcomeOf('<html>Bad gateway</html>')).toBeUndefined();
  });

  it('retries server errors and throttling, never a refused import', () => {
    expect([500, 502, 503, 429, 408].every(isRetriableStatus)).toBe(true);
    expect([400, 401, 409].some(isRetriableStatus)).toBe(false);
  });
});
