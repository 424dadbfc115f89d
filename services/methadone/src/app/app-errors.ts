import { errorCode } from '@rehab/domain-kit';

/** Errors of the use cases (look-ups, staff lists, races), beside the domain's rule errors. */
export const appErrors = {
  clinicNotFound: errorCode('clinic-not-found', 'No clinic {id}', 'Không có cơ sở điều trị {id}'),
  siteNotFound: errorCode('site-not-found', 'No site {id}', 'Không có điểm cấp phát {id}'),
  patientNotFound: errorCode(
    'patient-not-found',
    'No methadone patient {id}',
    'Không có người bệnh điều trị methadone {id}',
  ),
  notOnStaffList: errorCode(
    'not-on-staff-list',
    'User {userId} is not on the staff list of clinic {clinicId} as {roles} on {date}',
    'Người dùng {userId} không có trong danh sách nhân viên của cơ sở {clinicId} với vai trò {roles} vào ngày {date}',
  ),
  diagnosisNotByPrescriber: errorCode(
    'diagnosis-not-by-clinic-prescriber',
    'The diagnosis is recorded by a prescriber of clinic {clinicId}; {userId} is not one',
    'Chẩn đoán phải do bác sĩ của cơ sở {clinicId} ghi nhận; {userId} không phải bác sĩ của cơ sở',
  ),
  staffExists: errorCode(
    'staff-exists',
    'User {userId} is already on the staff list as {role} for an overlapping period',
    'Người dùng {userId} đã có trong danh sách nhân viên với vai trò {role} trong thời gian trùng lặp',
  ),
  alreadyInTreatment: errorCode(
    'already-in-treatment',
    'The person is already enrolled for methadone treatment ({patientId})',
    'Người này đã đăng ký điều trị methadone ({patientId})',
  ),
  doseAlreadyRecorded: errorCode(
    'dose-already-recorded',
    'Patient-day {doseId} already has its dose',
    'Người bệnh đã được cấp liều của ngày này ({doseId})',
  ),
  dayAlreadyJudged: errorCode(
    'day-already-judged',
    '{date} was already recorded as missed by the daily sweep (through {sweptThrough}); record a correction instead',
    'Ngày {date} đã được ghi nhận bỏ liều (đến ngày {sweptThrough}); hãy ghi bút toán điều chỉnh',
  ),
  discrepancyNotFound: errorCode(
    'discrepancy-not-found',
    'No open discrepancy for count {countId} at this site',
    'Không có chênh lệch đang chờ xác nhận cho lần kiểm đếm {countId}',
  ),
  entryNotFound: errorCode(
    'register-entry-not-found',
    'No register entry {seq} at this site',
    'Không có dòng số {seq} trong sổ của điểm cấp phát',
  ),
  sameClinic: errorCode(
    'transfer-to-same-clinic',
    'The patient is already treated at clinic {clinicId}',
    'Người bệnh đang điều trị tại cơ sở {clinicId}',
  ),
  ledgerBusy: errorCode(
    'ledger-busy',
    'The register of site {siteId} kept moving; retry shortly',
    'Sổ của điểm cấp phát {siteId} đang được ghi liên tục; hãy thử lại sau giây lát',
  ),
} as const;
