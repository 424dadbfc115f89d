// The vocabulary of a determination: the six diagnostic criteria of Circular
// 18/2021/TT-BYT (tiêu chuẩn chẩn đoán nghiện ma túy), where the evidence of each comes
// from, and the substance classes a result names. Data, not code, so the HTTP layer,
// the result form and the rules all read the same lists.
import { InputError } from '@rehab/domain-kit';
import { assessmentErrors } from './errors.ts';

interface Term {
  readonly en: string;
  readonly vi: string;
}

/** The six criteria of Circular 18/2021/TT-BYT, keyed by their code in the API. */
export const criteria = {
  craving: { en: 'Strong craving or compulsion to use', vi: 'Thèm muốn mãnh liệt' },
  'loss-of-control': { en: 'Loss of control over use', vi: 'Mất khả năng kiểm soát' },
  tolerance: { en: 'Tolerance', vi: 'Dung nạp' },
  neglect: {
    en: 'Neglect of other interests or activities',
    vi: 'Sao nhãng sở thích, hoạt động khác',
  },
  'harmful-use': {
    en: 'Continued use despite knowing the harm',
    vi: 'Tiếp tục sử dụng dù biết tác hại',
  },
  withdrawal: { en: 'Withdrawal syndrome', vi: 'Hội chứng cai' },
} as const satisfies Record<string, Term>;
export type Criterion = keyof typeof criteria;
export const CRITERIA = Object.keys(criteria) as readonly Criterion[];

/** Where the evidence for an observation comes from. */
export const evidenceSources = {
  clinical: { en: 'Clinical observation', vi: 'Quan sát lâm sàng' },
  'self-or-companion': {
    en: 'The person or a companion',
    vi: 'Người được xác định hoặc người đi cùng',
  },
  'police-dossier': { en: 'Police dossier', vi: 'Hồ sơ của cơ quan công an' },
} as const satisfies Record<string, Term>;
export type EvidenceSource = keyof typeof evidenceSources;

/**
 * Substance classes a result names. The order is the tie-break order of diagnosis.ts
 * (opioids first: they open methadone maintenance treatment).
 */
export const substanceClasses = {
  opioid: { en: 'Opioids', vi: 'Nhóm chất dạng thuốc phiện' },
  ats: { en: 'Amphetamine-type stimulants', vi: 'Ma túy tổng hợp dạng amphetamine' },
  cannabis: { en: 'Cannabis', vi: 'Cần sa' },
  other: { en: 'Other substances', vi: 'Chất ma túy khác' },
} as const satisfies Record<string, Term>;
export type SubstanceClass = keyof typeof substanceClasses;
export const SUBSTANCE_CLASSES = Object.keys(substanceClasses) as readonly SubstanceClass[];

const isKeyOf =
  <T extends object>(table: T) =>
  (value: unknown): value is keyof T =>
    typeof value === 'string' && Object.hasOwn(table, value);

export const isCriterion = isKeyOf(criteria);
export const isEvidenceSource = isKeyOf(evidenceSources);
export const isSubstanceClass = isKeyOf(substanceClasses);

/** Narrows input to a criterion, or throws unknown-criterion naming the field. */
export function requireCriterion(value: unknown, field = 'criterion'): Criterion {
  if (isCriterion(value)) return value;
  throw new InputError(assessmentErrors.unknownCriterion, { field, params: { value: `${value}` } });
}

/** Narrows input to an evidence source, or throws unknown-source naming the field. */
export function requireEvidenceSource(value: unknown, field = 'source'): EvidenceSource {
  if (isEvidenceSource(value)) return value;
  throw new InputError(assessmentErrors.unknownSource, { field, params: { value: `${value}` } });
}

/** Narrows input to a substance class, or throws unknown-substance-class naming the field. */
export function requireSubstanceClass(value: unknown, field = 'substanceClass'): SubstanceClass {
  if (isSubstanceClass(value)) return value;
  throw new InputError(assessmentErrors.unknownSubstanceClass, {
    field,
    params: { value: `${value}` },
  });
}
