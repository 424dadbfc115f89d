import { errorCode } from '@rehab/domain-kit';

/** Every error code of the reporting rules, with its English and Vietnamese text. */
export const reportingErrors = {
  invalidPeriod: errorCode(
    'invalid-period',
    '"{value}" is not a reporting period (2026M01…2026M12, 2026Q1…2026Q4, 2026S1, 2026S2 or 2026)',
    '"{value}" không phải kỳ báo cáo (2026M01…2026M12, 2026Q1…2026Q4, 2026S1, 2026S2 hoặc 2026)',
  ),
  invalidDueRule: errorCode(
    'invalid-due-rule',
    'Due-date rule "{value}" must read "<month offset>/<day>", e.g. "+0/15"',
    'Quy tắc hạn nộp "{value}" phải có dạng "<độ lệch tháng>/<ngày>", ví dụ "+0/15"',
  ),
  unitNotValidInPeriod: errorCode(
    'unit-not-valid-in-period',
    'Unit {unitCode} did not exist between {from} and {to}; use the units valid then',
    'Đơn vị {unitCode} không tồn tại trong khoảng {from} đến {to}; hãy dùng đơn vị có hiệu lực khi đó',
  ),
  breakdownNotAllowed: errorCode(
    'breakdown-not-allowed',
    'Breakdown "{breakdown}" is not one of {allowed}',
    'Phân tổ "{breakdown}" không thuộc {allowed}',
  ),
  unknownIndicator: errorCode(
    'unknown-indicator',
    'No indicator or activity "{id}" in the catalogue',
    'Không có chỉ tiêu hoặc hoạt động "{id}" trong danh mục',
  ),
  negativeTarget: errorCode(
    'invalid-target',
    'Target of {id} must be a number of at least 0 (a share between 0 and 1 for ratios)',
    'Chỉ tiêu {id} phải là số không âm (tỷ lệ từ 0 đến 1 với chỉ tiêu tỷ lệ)',
  ),
} as const;
