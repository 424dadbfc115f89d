import { errorCode } from '@rehab/domain-kit';

/** Every error code of compulsory placement, with its English and Vietnamese text. */
export const compulsoryErrors = {
  stepOutOfOrder: errorCode(
    'step-out-of-order',
    'Cannot {event} a compulsory-placement case that is {state}',
    'Không thể thực hiện bước {event} khi hồ sơ cai nghiện bắt buộc đang ở trạng thái {state}',
  ),
  admissionBeforeCourtDecision: errorCode(
    'admission-before-court-decision',
    'A person cannot be admitted before the court decides (case is {state})',
    'Không thể tiếp nhận khi Tòa án chưa quyết định (hồ sơ đang ở trạng thái {state})',
  ),
  courtDecisionBeforeSubmission: errorCode(
    'court-decision-before-submission',
    'The court cannot decide on a dossier not yet submitted to it (case is {state})',
    'Tòa án không thể quyết định khi hồ sơ chưa được chuyển đến (trạng thái {state})',
  ),
  releaseBeforeAdmission: errorCode(
    'release-before-admission',
    'A person not admitted cannot be released (case is {state})',
    'Không thể chấp hành xong khi chưa được tiếp nhận vào cơ sở (trạng thái {state})',
  ),
  stepNotInRegime: errorCode(
    'step-not-in-regime',
    'Regime {regime} has no {step} step',
    'Chế độ {regime} không có bước {step}',
  ),
  ageGroupMismatch: errorCode(
    'age-group-mismatch',
    "The {requested}s' rules cannot apply: the person was {age} on the violation date ({actual})",
    'Không áp dụng quy định dành cho {requested}: người này {age} tuổi vào ngày vi phạm ({actual})',
  ),
  minorRulesForAdult: errorCode(
    'minor-rules-for-adult',
    "The minors' step {step} does not apply to an adult",
    'Bước {step} chỉ áp dụng cho người chưa thành niên',
  ),
  triggerNotForMinors: errorCode(
    'trigger-not-for-minors',
    'A relapse during post-rehab management is not a ground for placing a minor',
    'Tái nghiện trong thời gian quản lý sau cai không là căn cứ đưa người chưa thành niên vào cơ sở',
  ),
  dossierIncomplete: errorCode(
    'dossier-incomplete',
    'The dossier lacks: {missing}',
    'Hồ sơ còn thiếu: {missing}',
  ),
  childRightsOpinionRequired: errorCode(
    'child-rights-opinion-required',
    "A minor's dossier needs the child-rights opinion before it goes to the court",
    'Hồ sơ của người chưa thành niên cần ý kiến về bảo vệ quyền trẻ em trước khi chuyển Tòa án',
  ),
  familyReviewOpen: errorCode(
    'family-review-open',
    'The family may read the dossier until {until}, unless it confirms it has read it',
    'Gia đình được đọc hồ sơ đến hết ngày {until}, trừ khi đã xác nhận đã đọc',
  ),
  deferralTooLong: errorCode(
    'deferral-too-long',
    'Admission can be deferred at most until {latest}, not {until}',
    'Chỉ được lùi việc tiếp nhận đến ngày {latest}, không phải {until}',
  ),
  exemptionGroundNotApplicable: errorCode(
    'exemption-ground-not-applicable',
    'Exemption for {ground} is not possible while the case is {state}',
    'Không thể miễn chấp hành vì lý do {ground} khi hồ sơ ở trạng thái {state}',
  ),
  reductionTooEarly: errorCode(
    'reduction-too-early',
    'A reduction needs half the term served (from {halfway})',
    'Chỉ được giảm thời hạn khi đã chấp hành một nửa thời hạn (từ ngày {halfway})',
  ),
  conductNotGoodEnough: errorCode(
    'conduct-not-good-enough',
    'A reduction needs the last {months} months rated good or better, not {rated}',
    'Cần được xếp loại tốt trở lên trong {months} tháng gần nhất, mới có {rated}',
  ),
  reductionOutOfRange: errorCode(
    'reduction-out-of-range',
    'A reduction of {months} months is outside {min}-{max} months ({rule})',
    'Mức giảm {months} tháng nằm ngoài khung {min}-{max} tháng ({rule})',
  ),
  reviewRequired: errorCode(
    'review-required',
    "A reduction goes through the facility's review {reviewId}, which is not on the case",
    'Việc giảm thời hạn phải qua đợt xét {reviewId} của cơ sở, không có trong hồ sơ',
  ),
  reviewPostingTooShort: errorCode(
    'review-posting-too-short',
    'The review list must be posted until {earliest} before it goes to the court',
    'Danh sách xét phải được niêm yết đến ngày {earliest} trước khi gửi Tòa án',
  ),
  hospitalStayTooShort: errorCode(
    'hospital-stay-too-short',
    'Suspension needs a hospital stay over {days} days',
    'Chỉ tạm đình chỉ khi điều trị tại bệnh viện trên {days} ngày',
  ),
  tooLittleTermToReturn: errorCode(
    'too-little-term-to-return',
    'Only {remaining} days remain; a return needs at least until {needed}',
    'Chỉ còn {remaining} ngày; chỉ quay lại cơ sở khi thời hạn còn đến ít nhất ngày {needed}',
  ),
  tooMuchTermToExcuse: errorCode(
    'too-much-term-to-excuse',
    'The remainder runs until {endsOn}; it is excused only when under the return threshold',
    'Thời hạn còn lại đến ngày {endsOn}; chỉ miễn khi dưới ngưỡng quay lại cơ sở',
  ),
  releaseBeforeTermEnd: errorCode(
    'release-before-term-end',
    'The term ends on {endsOn}; release on {date} is early',
    'Thời hạn kết thúc ngày {endsOn}; không thể chấp hành xong vào ngày {date}',
  ),
  notAbsent: errorCode(
    'not-absent',
    'The person has no open absence to end',
    'Người này không có lần bỏ trốn nào chưa kết thúc',
  ),
} as const;
