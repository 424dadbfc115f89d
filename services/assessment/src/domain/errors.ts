import { errorCode } from '@rehab/domain-kit';

/** Every error code the assessment service raises, with its English and Vietnamese text. */
export const assessmentErrors = {
  invalidCertificationPeriod: errorCode(
    'invalid-certification-period',
    'certifiedFrom ({from}) must be on or before certifiedTo ({to})',
    'Ngày bắt đầu chứng nhận ({from}) phải trước hoặc bằng ngày kết thúc ({to})',
  ),
  facilityNotCertified: errorCode(
    'facility-not-certified',
    'Facility {facilityId} is not certified to determine addiction status on {date} (Decree 109/2021)',
    'Cơ sở {facilityId} không đủ điều kiện xác định tình trạng nghiện vào ngày {date} (Nghị định 109/2021)',
  ),
  assessorNotAtFacility: errorCode(
    'assessor-not-at-facility',
    'User {userId} is not a certified assessor of facility {facilityId}',
    'Người dùng {userId} không phải là người xác định tình trạng nghiện của cơ sở {facilityId}',
  ),
  assessorNotCertified: errorCode(
    'assessor-not-certified',
    "The assessor's certificate ({from} to {to}) is not valid on {date} (Decree 109/2021)",
    'Chứng nhận của người xác định ({from} đến {to}) không có hiệu lực vào ngày {date} (Nghị định 109/2021)',
  ),
  unknownCriterion: errorCode(
    'unknown-criterion',
    '"{value}" is not one of the six criteria of Circular 18/2021/TT-BYT',
    '"{value}" không thuộc 6 tiêu chuẩn của Thông tư 18/2021/TT-BYT',
  ),
  unknownSource: errorCode(
    'unknown-source',
    '"{value}" is not an evidence source (clinical, self-or-companion, police-dossier)',
    '"{value}" không phải là nguồn thông tin hợp lệ',
  ),
  unknownSubstanceClass: errorCode(
    'unknown-substance-class',
    '"{value}" is not a substance class (opioid, ats, cannabis, other)',
    '"{value}" không phải là nhóm chất ma túy hợp lệ',
  ),
  unknownSample: errorCode(
    'unknown-sample',
    '"{value}" is not a sample type (urine, blood)',
    '"{value}" không phải là loại mẫu hợp lệ (nước tiểu, máu)',
  ),
  invalidTestResults: errorCode(
    'invalid-test-results',
    'A test lists each tested substance class once, and at least one',
    'Kết quả xét nghiệm phải có ít nhất một nhóm chất, mỗi nhóm một lần',
  ),
  observationInFuture: errorCode(
    'observation-in-future',
    'An observation cannot be dated in the future ({date})',
    'Không được ghi nhận tiêu chuẩn vào ngày ở tương lai ({date})',
  ),
  testInFuture: errorCode(
    'test-in-future',
    'A test cannot be sampled in the future ({date})',
    'Không được lấy mẫu xét nghiệm vào ngày ở tương lai ({date})',
  ),
  testBeforeRequest: errorCode(
    'test-before-request',
    'The test ({date}) cannot precede the determination request ({requestedOn})',
    'Ngày xét nghiệm ({date}) không được trước ngày đề nghị xác định ({requestedOn})',
  ),
  conclusionDateInvalid: errorCode(
    'conclusion-date-invalid',
    'The conclusion date {date} must be between {earliest} and today ({today})',
    'Ngày kết luận {date} phải từ ngày {earliest} đến hôm nay ({today})',
  ),
  facilityFixedOnConclusion: errorCode(
    'facility-fixed-on-conclusion',
    'The determination is concluded by facility {facilityId}; its facility can no longer change',
    'Việc xác định đã được cơ sở {facilityId} kết luận; không thể đổi cơ sở nữa',
  ),
  sameFacility: errorCode(
    'same-facility',
    'The determination is already assigned to facility {facilityId}',
    'Việc xác định đã được giao cho cơ sở {facilityId}',
  ),
  determinationClosed: errorCode(
    'determination-closed',
    'The determination is concluded; no more tests or observations are accepted',
    'Việc xác định đã có kết luận; không nhận thêm xét nghiệm hoặc ghi nhận',
  ),
  conclusionContradictsCriteria: errorCode(
    'conclusion-contradicts-criteria',
    'The criteria give "{computed}", not "{requested}"; a clinical override needs a reason',
    'Các tiêu chuẩn cho kết quả "{computed}", không phải "{requested}"; cần nêu lý do chuyên môn khi kết luận khác',
  ),
  substanceClassRequired: errorCode(
    'substance-class-required',
    'An "addicted" conclusion needs a substance class',
    'Kết luận "nghiện" phải nêu nhóm chất ma túy',
  ),
  alreadyConcluded: errorCode(
    'already-concluded',
    'The determination is already concluded ({conclusionId}); a correction must supersede it with a reason',
    'Việc xác định đã có kết luận ({conclusionId}); việc đính chính phải thay thế kết luận đó và nêu lý do',
  ),
  supersedesNotCurrent: errorCode(
    'supersedes-not-current',
    'Only the current conclusion ({current}) can be superseded, not {conclusionId}',
    'Chỉ có thể thay thế kết luận hiện hành ({current}), không phải {conclusionId}',
  ),
  nothingToSupersede: errorCode(
    'nothing-to-supersede',
    'There is no conclusion to supersede yet',
    'Chưa có kết luận nào để thay thế',
  ),
  notConcluded: errorCode(
    'not-concluded',
    'The determination has no conclusion yet',
    'Việc xác định chưa có kết luận',
  ),
} as const;
