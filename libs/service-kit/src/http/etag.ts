import type { Request } from 'express';
import { errorCode, InputError, PreconditionRequiredError } from '@rehab/domain-kit';

const ifMatchMissing = errorCode(
  'if-match-required',
  'Updates need an If-Match header with the version (ETag) they are based on',
  'Cập nhật cần tiêu đề If-Match chứa phiên bản (ETag) của bản ghi',
);
const ifMatchMalformed = errorCode(
  'if-match-malformed',
  'If-Match must be an ETag returned by this service, e.g. "3"',
  'If-Match phải là ETag do dịch vụ trả về, ví dụ "3"',
);
// The 412 itself is the persistence kit's: the kit detects the stale version.
export { staleVersionError } from '@rehab/persistence';

/** The strong ETag of an aggregate version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an update is based on, from If-Match: 428 when absent (lost-update
 * protection is mandatory), 400 when it is not one of our ETags.
 */
export function requiredIfMatchVersion(req: Pick<Request, 'headers'>): number {
  const header = req.headers['if-match'];
  if (!header) throw new PreconditionRequiredError(ifMatchMissing, { field: 'If-Match' });
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match?.[1]) throw new InputError(ifMatchMalformed, { field: 'If-Match' });
  return Number(match[1]);
}
