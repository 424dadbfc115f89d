// The demo persons and what the police record about each: about 100 persons in communes
// 99001..99006 at different stages of the registry workflow. Deterministic for a seed;
// the registry's dates are relative to today, birth dates to a fixed day (BIRTH_ANCHOR) so
// that a later run finds the persons an earlier one registered by name and birth date.
import { addDays, addMonths, addYears, type LocalDate } from '@rehab/domain-kit';
import {
  communes,
  familyNames,
  familyWeights,
  givenNames,
  hamlets,
  middleNames,
  minorities,
  seededRandom,
  streets,
  substances,
} from './demo-random.ts';

const BIRTH_ANCHOR: LocalDate = '2026-07-01';

export type Stage =
  | 'registered'
  | 'managed'
  | 'ended'
  | 'renewed'
  | 'referred-repeat-use'
  | 'referred-voluntary'
  | 'moved'
  | 'absent'
  | 'imprisoned';
export const stageWeights: [Stage, number][] = [
  ['registered', 20],
  ['managed', 25],
  ['ended', 14],
  ['renewed', 10],
  ['referred-repeat-use', 8],
  ['referred-voluntary', 5],
  ['moved', 8],
  ['absent', 5],
  ['imprisoned', 5],
];

/** A POST under /registry/v1/persons/{id}/. */
export interface RegistryStep {
  name: string;
  path: string;
  body: Record<string, unknown>;
}

export interface RegisterBody {
  fullName: string;
  dateOfBirth: LocalDate;
  sex: 'male' | 'female';
  nationalId?: string;
  ethnicity?: string;
  residence: { unitCode: string; address: string };
}

export interface PlannedPerson {
  index: number;
  stage: Stage;
  register: RegisterBody;
  steps: RegistryStep[];
  /** What the first positive test found, if the police recorded one. */
  substances: string[];
}

export function planPeople(seed: number, personCount: number, today: LocalDate): PlannedPerson[] {
  const { next: random, int, pick, weighted } = seededRandom(seed);
  const notAfterToday = (date: LocalDate): LocalDate => (date > today ? today : date);
  const detection = (detectedAt: LocalDate): Record<string, unknown> => {
    const first = pick(substances);
    const more = random() < 0.25 ? [pick(substances.filter((s) => s !== first))] : [];
    return {
      detectedAt,
      sample: random() < 0.85 ? 'urine' : 'blood',
      substances: [first, ...more],
      decisionDate: notAfterToday(addDays(detectedAt, int(0, 2))),
    };
  };

  const people: PlannedPerson[] = [];
  for (let index = 0; index < personCount; index++) {
    const sex = random() < 0.82 ? 'male' : 'female';
    const fullName = `${weighted(familyNames, familyWeights)} ${pick(middleNames[sex])} ${pick(givenNames[sex])}`;
    const dateOfBirth = addDays(addYears(BIRTH_ANCHOR, -int(18, 55)), -int(0, 364));
    const birthYear = Number(dateOfBirth.slice(0, 4));
    const unitCode = pick(communes);
    const address =
      random() < 0.5
        ? `Số ${int(1, 250)} đường ${pick(streets)}`
        : `${pick(hamlets)}, nhà số ${int(1, 120)}`;
    const register: RegisterBody = { fullName, dateOfBirth, sex, residence: { unitCode, address } };
    if (random() < 0.6) {
      // CCCD layout: province (3 digits), sex-and-century digit, year (2), then 6 digits;
      // the index in the last two keeps the demo numbers unique.
      const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
      const serial = String(int(0, 9999)).padStart(4, '0') + String(index % 100).padStart(2, '0');
      register.nationalId = `099${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${serial}`;
    }
    const ethnicityRoll = random();
    if (ethnicityRoll < 0.72) register.ethnicity = 'Kinh';
    else if (ethnicityRoll < 0.92) register.ethnicity = pick(minorities);

    const stage = weighted(
      stageWeights.map(([s]) => s),
      stageWeights.map(([, w]) => w),
    );
    const steps: RegistryStep[] = [];
    const detect = (name: string, detectedAt: LocalDate) =>
      steps.push({ name, path: 'drug-use-detections', body: detection(detectedAt) });
    const recent = () => addDays(today, -int(3, 320)); // inside a running one-year term
    switch (stage) {
      case 'registered':
        break;
      case 'managed':
        detect('detection-1', recent());
        break;
      case 'ended':
        // 13 months or more ago: the one-year term has run out.
        detect('detection-1', addDays(addMonths(today, -13), -int(2, 90)));
        break;
      case 'renewed':
      case 'referred-repeat-use': {
        const first = addDays(today, -int(120, 300));
        const second = notAfterToday(addDays(first, int(30, 100)));
        detect('detection-1', first);
        detect('detection-2', second);
        if (stage === 'referred-repeat-use') {
          steps.push({
            name: 'referral',
            path: 'determination-referrals',
            body: { reason: 'repeat-use', referredOn: notAfterToday(addDays(second, int(3, 12))) },
          });
        }
        break;
      }
      case 'referred-voluntary': {
        const detectedAt = recent();
        detect('detection-1', detectedAt);
        steps.push({
          name: 'referral',
          path: 'determination-referrals',
          body: {
            reason: 'voluntary',
            referredOn: notAfterToday(addDays(detectedAt, int(1, 20))),
            note: 'Người sử dụng tự nguyện đề nghị xác định tình trạng nghiện',
          },
        });
        break;
      }
      case 'moved':
        detect('detection-1', recent());
        // A residence change cannot predate the registered residence, which starts today.
        steps.push({
          name: 'movement',
          path: 'movements',
          body: {
            kind: 'residence-change',
            effectiveOn: today,
            toUnitCode: pick(communes.filter((c) => c !== unitCode)),
            address: `Số ${int(1, 250)} đường ${pick(streets)}`,
          },
        });
        break;
      case 'absent': {
        const detectedAt = recent();
        detect('detection-1', detectedAt);
        steps.push({
          name: 'movement',
          path: 'movements',
          body: {
            kind: 'absence',
            effectiveOn: notAfterToday(addDays(detectedAt, int(5, 40))),
            reason: 'Đi làm ăn xa, không khai báo tạm vắng',
          },
        });
        break;
      }
      case 'imprisoned': {
        const detectedAt = recent();
        detect('detection-1', detectedAt);
        steps.push({
          name: 'movement',
          path: 'movements',
          body: {
            kind: 'imprisonment',
            effectiveOn: notAfterToday(addDays(detectedAt, int(5, 60))),
            note: 'Chấp hành án phạt tù',
          },
        });
        break;
      }
    }
    const firstTest = steps.find((step) => step.path === 'drug-use-detections');
    people.push({
      index,
      stage,
      register,
      steps,
      substances: (firstTest?.body.substances as string[] | undefined) ?? [],
    });
  }
  return people;
}
