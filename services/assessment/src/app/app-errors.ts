import { errorCode } from '@rehab/domain-kit';

/** Errors of the use cases (lookups), beside the domain's rule errors. */
export const appErrors = {
  determinationNotFound: errorCode(
    'determination-not-found',
    'No determination {id}',
    'Không có yêu cầu xác định {id}',
  ),
  facilityNotFound: errorCode(
    'facility-not-found',
    'No certified facility {id}',
    'Không có cơ sở {id}',
  ),
  noCertifiedFacility: errorCode(
    'no-certified-facility',
    'No facility is certified on {date} in the province of unit {unitCode}; register one, then replay the referral',
    'Không có cơ sở đủ điều kiện vào ngày {date} tại tỉnh của đơn vị {unitCode}; hãy đăng ký cơ sở rồi phát lại yêu cầu',
  ),
  assessorExists: errorCode(
    'assessor-exists',
    'User {userId} is already an assessor of this facility',
    'Người dùng {userId} đã là người xác định của cơ sở này',
  ),
} as const;
