import { errorCode } from '@rehab/domain-kit';

/** Every error code the treatment domain raises, with its English and Vietnamese text. */
export const treatmentErrors = {
  notAddicted: errorCode(
    'not-addicted-result',
    'Only an "addicted" result opens a registration case',
    'Chỉ kết quả "nghiện" mới phát sinh việc đăng ký cai nghiện',
  ),
  deadlineUnknown: errorCode(
    'registration-deadline-unknown',
    'The result carries no registration deadline and no date of birth to compute it',
    'Kết quả không có hạn đăng ký và không có ngày sinh để tính hạn',
  ),
  registrationAfterDeadline: errorCode(
    'registration-after-deadline',
    'Registration on {date} is after the deadline {deadline}; the person is subject to a violation record',
    'Đăng ký ngày {date} là quá hạn {deadline}; người nghiện bị lập biên bản vi phạm',
  ),
  wrongModality: errorCode(
    'wrong-modality',
    '"{event}" applies to {expected} rehab, not {actual}',
    '"{event}" chỉ áp dụng cho cai nghiện {expected}, không phải {actual}',
  ),
  stageOutOfOrder: errorCode(
    'stage-out-of-order',
    'Stage "{stage}" cannot be recorded before stage "{expected}"',
    'Không thể ghi nhận giai đoạn "{stage}" trước giai đoạn "{expected}"',
  ),
  stagesIncomplete: errorCode(
    'stages-incomplete',
    'Completion needs at least {required} stages; {done} are done',
    'Hoàn thành cai nghiện cần ít nhất {required} giai đoạn; mới hoàn thành {done}',
  ),
  completionBeforeMinimumTerm: errorCode(
    'completion-before-minimum-term',
    'Completion on {date} is before the minimum term ends ({minimumEnd})',
    'Hoàn thành ngày {date} là trước khi hết thời hạn tối thiểu ({minimumEnd})',
  ),
  noticeNotOwed: errorCode(
    'notice-not-owed',
    'No {about} notice is owed for this episode',
    'Không có nghĩa vụ thông báo {about} đối với đợt cai nghiện này',
  ),
  helperAtCapacity: errorCode(
    'helper-at-capacity',
    'The helper already helps {current} persons; at most {max} are allowed',
    'Người giúp đỡ đã giúp {current} người; tối đa {max} người',
  ),
  termNotEnded: errorCode(
    'term-not-ended',
    'Post-rehab management runs until {termEndsOn}; it cannot complete on {date}',
    'Quản lý sau cai nghiện đến hết ngày {termEndsOn}; chưa thể kết thúc ngày {date}',
  ),
} as const;
