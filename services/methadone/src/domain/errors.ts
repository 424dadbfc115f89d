import { errorCode } from '@rehab/domain-kit';

/** Every rule error of the methadone service, with its English and Vietnamese text. */
export const methadoneErrors = {
  guardianConsentRequired: errorCode(
    'guardian-consent-required',
    'At {age}, the applicant is under {minimum}: the written consent of a guardian is required',
    'Người đăng ký {age} tuổi, dưới {minimum} tuổi: cần có sự đồng ý bằng văn bản của người giám hộ',
  ),
  admissionBasisMissing: errorCode(
    'admission-basis-missing',
    'Admission needs an opioid addiction result received from the assessment service or a prescriber’s diagnosis of opioid dependence (ICD-10 F11)',
    'Tiếp nhận điều trị cần có kết quả xác định nghiện chất dạng thuốc phiện hoặc chẩn đoán nghiện chất dạng thuốc phiện (ICD-10 F11) của bác sĩ',
  ),
  diagnosisNotOpioid: errorCode(
    'diagnosis-not-opioid',
    'Diagnosis {code} is not opioid dependence (ICD-10 F11)',
    'Chẩn đoán {code} không phải nghiện chất dạng thuốc phiện (ICD-10 F11)',
  ),
  refusalReasonRequired: errorCode(
    'refusal-reason-required',
    'A refusal must give its reason in writing',
    'Từ chối tiếp nhận phải nêu rõ lý do bằng văn bản',
  ),
  firstOrderNotInduction: errorCode(
    'first-order-not-induction',
    'Treatment starts with an induction order, not {phase}',
    'Điều trị phải bắt đầu bằng y lệnh khởi liều, không phải {phase}',
  ),
  firstDoseOutOfRange: errorCode(
    'first-dose-out-of-range',
    'A first induction dose of {doseMg} mg is outside {min}-{max} mg (rule {rule})',
    'Liều khởi đầu {doseMg} mg nằm ngoài khoảng {min}-{max} mg (quy tắc {rule})',
  ),
  increaseTooEarly: errorCode(
    'increase-too-early',
    'No increase on the first {days} days of induction (treatment started on {startedOn})',
    'Không tăng liều trong {days} ngày đầu khởi liều (bắt đầu ngày {startedOn})',
  ),
  incrementTooLarge: errorCode(
    'increment-too-large',
    'An increase of {increment} mg exceeds the {max} mg allowed during {phase}',
    'Mức tăng {increment} mg vượt quá {max} mg cho phép trong giai đoạn {phase}',
  ),
  reviewTooSoon: errorCode(
    'review-too-soon',
    'The dose is reviewed at least {days} days apart during titration; the last change started on {lastChange}',
    'Trong giai đoạn dò liều, liều được đánh giá lại cách nhau ít nhất {days} ngày; lần thay đổi trước bắt đầu ngày {lastChange}',
  ),
  orderTooLong: errorCode(
    'order-too-long',
    'A {phase} order covers at most {max} days; this one covers {days}',
    'Y lệnh giai đoạn {phase} tối đa {max} ngày; y lệnh này {days} ngày',
  ),
  taperTooEarly: errorCode(
    'taper-too-early',
    'A taper starts only after {minimum} in maintenance (maintenance since {since}; earliest {earliest})',
    'Chỉ giảm liều sau {minimum} điều trị duy trì (duy trì từ {since}; sớm nhất ngày {earliest})',
  ),
  taperCutTooLarge: errorCode(
    'taper-cut-too-large',
    'A taper step from {fromMg} mg to {toMg} mg cuts more than {percent}% of the dose',
    'Bước giảm liều từ {fromMg} mg xuống {toMg} mg giảm quá {percent}% liều',
  ),
  taperNotACut: errorCode(
    'taper-not-a-cut',
    'A taper order must lower the dose below {fromMg} mg',
    'Y lệnh giảm liều phải thấp hơn {fromMg} mg',
  ),
  taperStepTooSoon: errorCode(
    'taper-step-too-soon',
    'Taper steps lie at least {interval} apart; the previous step started on {previous} (earliest {earliest})',
    'Các bước giảm liều cách nhau ít nhất {interval}; bước trước bắt đầu ngày {previous} (sớm nhất ngày {earliest})',
  ),
  reinductionRequired: errorCode(
    'reinduction-required',
    'After {missed} consecutive missed days treatment restarts with an induction order at the first dose',
    'Sau {missed} ngày liên tiếp bỏ liều phải khởi liều lại với liều khởi đầu',
  ),
  orderInPast: errorCode(
    'order-in-past',
    'An order starts on or after {earliest}: days already dosed or judged are never re-ordered',
    'Y lệnh phải bắt đầu từ ngày {earliest} trở đi: không sửa lịch sử các ngày đã cấp thuốc hoặc đã ghi nhận',
  ),
  noOrderInForce: errorCode(
    'no-order-in-force',
    'No dose order is in force on {date}',
    'Không có y lệnh nào có hiệu lực vào ngày {date}',
  ),
  doseNotAsOrdered: errorCode(
    'dose-not-as-ordered',
    'The dose must be exactly {expectedMg} mg on {date} (order {orderId}), not {doseMg} mg',
    'Liều phải đúng {expectedMg} mg vào ngày {date} (y lệnh {orderId}), không phải {doseMg} mg',
  ),
  stopFlagOpen: errorCode(
    'stop-flag-open',
    'Dosing is blocked by flag {flagId} ({kind}) until a prescriber clears it',
    'Tạm dừng cấp thuốc do cảnh báo {flagId} ({kind}) cho đến khi bác sĩ xác nhận',
  ),
  guestDosingElsewhere: errorCode(
    'guest-dosing-elsewhere',
    'On {date} the patient doses at site {siteId} under guest-dosing arrangement {arrangementId}',
    'Ngày {date} người bệnh uống thuốc tại điểm {siteId} theo thỏa thuận uống nhờ {arrangementId}',
  ),
  siteNotServingPatient: errorCode(
    'site-not-serving-patient',
    'Site {siteId} is neither a site of the patient’s clinic nor a guest-dosing site on {date}',
    'Điểm {siteId} không thuộc cơ sở điều trị của người bệnh và không phải điểm uống nhờ vào ngày {date}',
  ),
  takeHomeNotEnabled: errorCode(
    'take-home-not-enabled',
    'Take-home doses are not enabled in province {province} on {date}',
    'Chưa áp dụng cấp thuốc nhiều ngày tại tỉnh {province} vào ngày {date}',
  ),
  takeHomeTooLong: errorCode(
    'take-home-too-long',
    'Take-home doses cover at most {max} days, not {days}',
    'Cấp thuốc nhiều ngày tối đa {max} ngày, không phải {days}',
  ),
  takeHomeWrongPhase: errorCode(
    'take-home-wrong-phase',
    'Take-home doses are for patients in {required}; the patient is in {phase}',
    'Cấp thuốc nhiều ngày chỉ dành cho người bệnh giai đoạn {required}; người bệnh đang ở giai đoạn {phase}',
  ),
  dischargeGroundNotMet: errorCode(
    'discharge-ground-not-met',
    'The ground {reason} is not met for this patient',
    'Người bệnh chưa đủ căn cứ {reason} để ra khỏi chương trình',
  ),
  insufficientStock: errorCode(
    'insufficient-stock',
    'Lot {lot} holds {availableMl} mL; {neededMl} mL are needed',
    'Lô {lot} còn {availableMl} mL; cần {neededMl} mL',
  ),
  unknownLot: errorCode(
    'unknown-lot',
    'Site holds no lot {lot}',
    'Điểm cấp phát không có lô {lot}',
  ),
  lotMismatch: errorCode(
    'lot-mismatch',
    'Lot {lot} is already held at {mgPerMl} mg/mL',
    'Lô {lot} đã được nhập với nồng độ {mgPerMl} mg/mL',
  ),
  sameConfirmer: errorCode(
    'same-confirmer',
    'A discrepancy is confirmed by a second, different staff member (counted by {countedBy})',
    'Chênh lệch phải được xác nhận bởi một nhân viên khác (người kiểm đếm: {countedBy})',
  ),
  flagNotOpen: errorCode(
    'flag-not-open',
    'Flag {flagId} is not open on this patient',
    'Cảnh báo {flagId} không còn mở đối với người bệnh này',
  ),
} as const;
