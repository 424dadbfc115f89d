// Request bodies of /vocational/v1, shared by the integration tests, the demo seed and the
// k6 load script (bench/k6) so that none can drift from the API. Plain TypeScript with no
// imports at all: k6 runs this file as it is (no Node.js APIs, no dependencies). The shapes
// follow the route schemas in services/vocational/src/http/.

/** A date written YYYY-MM-DD, as the API expects. */
export type LocalDate = string;

export interface CourseBody {
  name: string;
  provider: string;
  unitCode: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  capacity: number;
}

export interface CounsellingBody {
  on: LocalDate;
  topic: string;
  outcome: string;
}

export interface PlacementBody {
  personId: string;
  employer: { name: string; taxCode?: string };
  startsOn: LocalDate;
  contract: 'labour-contract' | 'seasonal' | 'self-employed';
}

export interface LoanBody {
  personId: string;
  amountVnd: number;
  termMonths: number;
  purpose: 'training' | 'production';
  disbursedOn: LocalDate;
}

export interface EmployerLoanBody {
  employer: { name: string; taxCode?: string };
  amountVnd: number;
  workers: number;
  postRehabWorkers: number;
  unitCode?: string;
  disbursedOn?: LocalDate;
}

const TRADES = ['May công nghiệp', 'Sửa chữa xe máy', 'Điện dân dụng', 'Nấu ăn', 'Trồng nấm'];
const PROVIDERS = ['Trường Trung cấp nghề Hòa Bình', 'Trung tâm Giáo dục nghề nghiệp huyện'];
const EMPLOYERS = [
  'Công ty TNHH May Hòa Bình',
  'Hợp tác xã Nông nghiệp Tân Lập',
  'Xưởng cơ khí Minh Phát',
];

const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length] as T;

/** A course of `capacity` places in `unitCode`, from `startsOn` for three months. */
export function courseBody(
  seed: number,
  input: { unitCode: string; startsOn: LocalDate; endsOn: LocalDate; capacity?: number },
): CourseBody {
  return {
    name: pick(TRADES, seed),
    provider: pick(PROVIDERS, seed),
    unitCode: input.unitCode,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    capacity: input.capacity ?? 20,
  };
}

export function counsellingBody(on: LocalDate): CounsellingBody {
  return { on, topic: 'Tư vấn học nghề và việc làm', outcome: 'Đồng ý tham gia học nghề may' };
}

export function placementBody(
  seed: number,
  personId: string,
  startsOn: LocalDate,
  contract: PlacementBody['contract'] = 'labour-contract',
): PlacementBody {
  return {
    personId,
    employer: {
      name: pick(EMPLOYERS, seed),
      taxCode: `${String(4_000_000_000 + seed).slice(0, 10)}`,
    },
    startsOn,
    contract,
  };
}

export function loanBody(
  personId: string,
  disbursedOn: LocalDate,
  amountVnd = 50_000_000,
): LoanBody {
  return { personId, amountVnd, termMonths: 36, purpose: 'production', disbursedOn };
}

export function employerLoanBody(
  seed: number,
  input: Partial<EmployerLoanBody> = {},
): EmployerLoanBody {
  return {
    employer: { name: pick(EMPLOYERS, seed) },
    amountVnd: 500_000_000,
    workers: 40,
    postRehabWorkers: 6,
    ...input,
  };
}
