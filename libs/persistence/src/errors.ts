// The kit's own errors: the ones a caller can act on (read again, retry shortly).
import { errorCode } from '@rehab/domain-kit';

export const persistenceErrors = {
  staleVersion: errorCode(
    'stale-version',
    'The record has changed since version {expected}; read it again and retry',
    'Bản ghi đã thay đổi kể từ phiên bản {expected}; hãy đọc lại và thử lại',
  ),
  writeConflict: errorCode(
    'write-conflict',
    'The record is being changed by another request; retry shortly',
    'Hồ sơ đang được thay đổi bởi một yêu cầu khác; hãy thử lại sau giây lát',
  ),
} as const;

// One duplicate-key test for every store; it lives in @rehab/events, whose dead-letter store
// needs it too and which the kit builds on.
export { isDuplicateKey } from '@rehab/events';
