import { errorCode } from '@rehab/domain-kit';

/** Errors of the use cases, beside the domain's rule errors. */
export const appErrors = {
  reportNotFound: errorCode(
    'report-not-found',
    'Unit {unitCode} has submitted no report for {period}',
    'Đơn vị {unitCode} chưa nộp báo cáo kỳ {period}',
  ),
  submitContended: errorCode(
    'report-submit-contended',
    'Too many submissions of this report at once; retry',
    'Có quá nhiều lần nộp báo cáo này cùng lúc; hãy thử lại',
  ),
  rebuildUnknown: errorCode(
    'rebuild-unknown',
    'No rebuild of the read models has been recorded',
    'Chưa có lần dựng lại dữ liệu báo cáo nào',
  ),
  rebuildRunning: errorCode(
    'rebuild-running',
    'A rebuild of the read models is already running',
    'Đang dựng lại dữ liệu báo cáo',
  ),
} as const;
