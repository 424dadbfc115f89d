import { errorCode } from '@rehab/domain-kit';

/** Every error code the registry raises, with its English and Vietnamese text. */
export const registryErrors = {
  personNotFound: errorCode(
    'person-not-found',
    'No person with id {id}',
    'Không có người với mã {id}',
  ),
  duplicateNationalId: errorCode(
    'duplicate-national-id',
    'A person with this national ID number is already registered (id {existingId})',
    'Đã có người đăng ký với số định danh này (mã {existingId})',
  ),
  invalidNationalId: errorCode(
    'invalid-national-id',
    'A national ID number has exactly 12 digits',
    'Số định danh cá nhân gồm đúng 12 chữ số',
  ),
  dateBeforeBirth: errorCode(
    'date-before-birth',
    '{field} cannot be before the date of birth',
    '{field} không được trước ngày sinh',
  ),
  decisionBeforeDetection: errorCode(
    'decision-before-detection',
    'The management decision cannot precede the positive test',
    'Quyết định quản lý không được trước ngày xét nghiệm dương tính',
  ),
  decisionAfterDeadline: errorCode(
    'decision-after-deadline',
    'The management decision must be made by {deadline} ({legalRef})',
    'Quyết định quản lý phải được ban hành chậm nhất ngày {deadline} ({legalRef})',
  ),
  outOfOrder: errorCode(
    'out-of-order',
    '{field} ({date}) is earlier than the last recorded event ({last}); record events in order',
    '{field} ({date}) sớm hơn sự kiện đã ghi gần nhất ({last}); hãy ghi theo thứ tự thời gian',
  ),
  personNotActive: errorCode(
    'person-not-active',
    'The person is recorded as {status}; no further changes are accepted',
    'Người này đã được ghi nhận là {status}; không nhận thêm thay đổi',
  ),
  sameResidence: errorCode(
    'same-residence',
    'The new residence is the current one',
    'Nơi cư trú mới trùng với nơi cư trú hiện tại',
  ),
  referralNotJustified: errorCode(
    'referral-not-justified',
    'Reason "{reason}" needs {requirement} ({legalRef})',
    'Lý do "{reason}" cần {requirement} ({legalRef})',
  ),
  nothingToUpdate: errorCode(
    'nothing-to-update',
    'The update changes nothing',
    'Cập nhật không thay đổi gì',
  ),
} as const;
