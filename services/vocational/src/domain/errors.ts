import { errorCode } from '@rehab/domain-kit';

/** Every error code the vocational domain raises, with its English and Vietnamese text. */
export const vocationalErrors = {
  noLoanSchemeInForce: errorCode(
    'no-loan-scheme-in-force',
    'No preferential loan scheme is in force on {date} (Decision 08/2026/QĐ-TTg applies from {from})',
    'Chưa có chính sách cho vay ưu đãi vào ngày {date} (Quyết định 08/2026/QĐ-TTg áp dụng từ {from})',
  ),
  loanAmountOverCap: errorCode(
    'loan-amount-over-cap',
    'A loan of {amount} VND is over the cap of {cap} VND',
    'Khoản vay {amount} đồng vượt mức cho vay tối đa {cap} đồng',
  ),
  loanTermOverCap: errorCode(
    'loan-term-over-cap',
    'A term of {months} months is over the cap of {cap} months',
    'Thời hạn vay {months} tháng vượt thời hạn tối đa {cap} tháng',
  ),
  rehabNotCompleted: errorCode(
    'rehab-not-completed',
    'No completed voluntary rehab, compulsory rehab or substitution treatment is known for person {personId}',
    'Chưa ghi nhận người {personId} hoàn thành cai nghiện tự nguyện, cai nghiện bắt buộc hoặc điều trị thay thế',
  ),
  noPostRehabDecision: errorCode(
    'no-post-rehab-decision',
    'No post-rehab management decision is known for person {personId}',
    'Chưa ghi nhận quyết định quản lý sau cai nghiện đối với người {personId}',
  ),
  requestWindowPassed: errorCode(
    'loan-request-window-passed',
    'The request window after the post-rehab management decision of {decisionOn} ended on {windowEndsOn}',
    'Đã hết thời hạn đề nghị vay kể từ quyết định quản lý sau cai nghiện ngày {decisionOn} (hết ngày {windowEndsOn})',
  ),
  postRehabShareTooLow: errorCode(
    'post-rehab-share-too-low',
    '{postRehabWorkers} of {workers} workers ({share}%) are post-rehab persons; at least {minimum}% are required',
    '{postRehabWorkers}/{workers} lao động ({share}%) là người sau cai nghiện; yêu cầu tối thiểu {minimum}%',
  ),
  postRehabWorkersOverWorkers: errorCode(
    'post-rehab-workers-over-workers',
    'The {postRehabWorkers} post-rehab workers cannot be more than the {workers} workers',
    'Số lao động sau cai nghiện ({postRehabWorkers}) không được lớn hơn tổng số lao động ({workers})',
  ),
  loanListCertified: errorCode(
    'loan-list-certified',
    'Loan list {listId} was certified on {certifiedOn} and can no longer be changed',
    'Danh sách vay vốn {listId} đã được xác nhận ngày {certifiedOn}, không thể thay đổi',
  ),
  personNotEligibleForList: errorCode(
    'person-not-eligible',
    'Person {personId} is not eligible for a preferential loan: {reason}',
    'Người {personId} không đủ điều kiện vay vốn ưu đãi: {reason}',
  ),
  personOutsideCommune: errorCode(
    'person-outside-commune',
    'Person {personId} lives in {residence}, not in {unitCode}: the list is drawn up where the person lives',
    'Người {personId} cư trú tại {residence}, không thuộc {unitCode}: danh sách lập tại nơi cư trú',
  ),
  personNotOnCertifiedList: errorCode(
    'person-not-on-certified-list',
    'Person {personId} is on no loan list certified by the commune People’s Committee',
    'Người {personId} không có tên trong danh sách vay vốn đã được Ủy ban nhân dân cấp xã xác nhận',
  ),
  enrolmentClosed: errorCode(
    'enrolment-outcome-recorded',
    'Enrolment {enrolmentId} already has the outcome "{status}"',
    'Việc ghi danh {enrolmentId} đã có kết quả "{status}"',
  ),
  courseFull: errorCode(
    'course-full',
    'Course {courseId} is full ({capacity} places)',
    'Khóa học {courseId} đã đủ {capacity} học viên',
  ),
  courseEnded: errorCode(
    'course-ended',
    'Course {courseId} ended on {endsOn}; no one can enrol any more',
    'Khóa học {courseId} đã kết thúc ngày {endsOn}; không thể ghi danh thêm',
  ),
  followUpsDone: errorCode(
    'follow-ups-done',
    'Placement {placementId} has no follow-up left to record',
    'Việc làm {placementId} không còn lần theo dõi nào cần ghi nhận',
  ),
} as const;
