// Stable error codes that more than one service raises: each is defined here once, with one
// meaning, one wording and (through the error kind every thrower uses) one status. A service
// defines only the codes that are its own (scripts/checks/error-codes.test.ts keeps it so).
import { errorCode } from './domain-error.ts';

export const sharedErrors = {
  /** A fact dated after today (422: a fact is recorded once it has happened). */
  dateInFuture: errorCode(
    'date-in-future',
    '{field} ({date}) is after today ({today}): a fact is recorded once it has happened',
    '{field} ({date}) sau ngày hôm nay ({today}): chỉ ghi nhận sự việc đã diễn ra',
  ),
  /** Two dates the law orders, in the wrong order (422). */
  dateOutOfOrder: errorCode(
    'date-out-of-order',
    '{field} ({date}) cannot be before {before} ({beforeDate})',
    '{field} ({date}) không được trước {before} ({beforeDate})',
  ),
  /** A step taken by an office other than the one the rules in force name (422). */
  decisionByWrongActor: errorCode(
    'decision-by-wrong-actor',
    'The rules in force name {expected} for this step, not {actual}',
    'Theo quy định đang áp dụng, bước này do {expected} thực hiện, không phải {actual}',
  ),
  /** A state machine's event refused in the record's state (422). */
  invalidTransition: errorCode(
    'invalid-transition',
    'Cannot {event} a {subject} that is {state}',
    'Không thể thực hiện "{event}" khi {subject} đang ở trạng thái {state}',
  ),
  /** A person this service has not yet learned of from the registry's events (422). */
  personUnknown: errorCode(
    'person-unknown',
    'Person {personId} is not known yet from the registry events',
    'Chưa nhận được thông tin người {personId} từ cơ quan công an',
  ),
  /** A term outside the range the law allows (422). */
  termOutOfRange: errorCode(
    'term-out-of-range',
    'A term of {months} months is outside the {min}-{max} months the law allows (rule {rule})',
    'Thời hạn {months} tháng nằm ngoài khoảng {min}-{max} tháng theo quy định (quy tắc {rule})',
  ),
  /** A person younger than a measure's minimum age (422). */
  underMinimumAge: errorCode(
    'under-minimum-age',
    'At {age}, the person is under the minimum age of {minimum} for this measure',
    'Người {age} tuổi chưa đủ tuổi tối thiểu {minimum} để áp dụng biện pháp này',
  ),
  /** An administrative unit unknown, or not of the right level in force on the date (422). */
  unknownUnit: errorCode(
    'unknown-unit',
    'Administrative unit {unitCode} is not known, or not in force as needed on {date}',
    'Đơn vị hành chính {unitCode} không tồn tại hoặc không có hiệu lực như yêu cầu vào ngày {date}',
  ),
} as const;
