import type { Request } from 'express';
import {
  errorCode,
  InputError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '@rehab/domain-kit';

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

// RFC 9110 section 8.8.3: an entity tag is `"..."` (strong) or `W/"..."` (weak), with
// printable characters other than `"` inside.
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

const unknownEntityTag = errorCode(
  'if-match-failed',
  'If-Match {etag} names no current version of this record; read it again and retry',
  'If-Match {etag} không khớp phiên bản hiện tại của bản ghi; hãy đọc lại và thử lại',
);

/**
 * The version an If-Match header names (RFC 9110 section 13.1.1): absent or `*`, none
 * (undefined: any current version matches); one of our strong ETags, its version; any other
 * well-formed entity tag, a 412 (it cannot match: ours are strong digits, and If-Match
 * compares strongly, so a weak one never matches); anything else, a 400. A list of several
 * tags is refused as malformed: an update is based on one version.
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  const value = header?.trim();
  if (value === undefined || value === '' || value === '*') return undefined;
  const match = ENTITY_TAG.exec(value);
  if (!match) throw new InputError(ifMatchMalformed, { field: 'If-Match' });
  const [, weak, opaque = ''] = match;
  if (weak || !/^\d{1,15}$/.test(opaque)) {
    throw new PreconditionFailedError(unknownEntityTag, {
      field: 'If-Match',
      params: { etag: value },
    });
  }
  return Number(opaque);
}

/**
 * The version an update is based on, from If-Match: 428 when absent (lost-update
 * protection is mandatory), otherwise as {@link ifMatchVersion}.
 */
export function requiredIfMatchVersion(req: Pick<Request, 'headers'>): number | undefined {
  const header = req.headers['if-match'];
  if (!header?.trim()) throw new PreconditionRequiredError(ifMatchMissing, { field: 'If-Match' });
  return ifMatchVersion(header);
}
