// Demo data of the vocational service, through the public API once the treatment journeys
// have opened post-rehab needs (treatment.case.v1 → the vocational consumer): two training
// courses of the province, enrolments and job placements for some of the persons waiting,
// and in one commune a loan list drawn up by the commune police, certified by the commune
// People's Committee, with a loan to each person on it (Decision 08/2026/QĐ-TTg).
// A second run adds nothing: courses are found by name, enrolments are one per person and
// course, and a person who already has a placement or a loan is left alone.
import type { TokenClaims } from '../../libs/testing/src/identity.ts';
import { courseBody, loanBody, placementBody } from '../../libs/testing/src/payloads/vocational.ts';
import { addDays } from '@rehab/domain-kit';
import { eventually, SeedError, type Gateway } from './demo-http.ts';
import { communes } from './demo-random.ts';

const api = '/vocational/v1';
const labour: TokenClaims = {
  sub: 'seed-demo-labour-officer',
  agency: 'labour',
  orgUnit: '99',
  roles: ['officer'],
};
const communePolice = (orgUnit: string): TokenClaims => ({
  sub: `seed-demo-police-${orgUnit}`,
  agency: 'police',
  orgUnit,
  roles: ['officer'],
});
const chairman = (orgUnit: string): TokenClaims => ({
  sub: `seed-demo-chairman-${orgUnit}`,
  agency: 'commune',
  orgUnit,
  roles: ['chairman'],
});

interface QueueItem {
  personId: string;
  unitCode: string;
}
interface SupportFileBody {
  supports: { kind: string }[];
}

export interface VocationalSeed {
  gw: Gateway;
  sign: (claims: TokenClaims) => string;
  today: string;
}

/** Seeds the vocational demo data; returns a one-line summary. */
export async function seedVocational({ gw, sign, today }: VocationalSeed): Promise<string> {
  const officer = sign(labour);
  const queue = (status: string) =>
    gw.get<{ items: QueueItem[] }>(officer, `${api}/needs?unitCode=99&status=${status}&limit=200`);
  // The needs arrive through Kafka from the treatment journeys just run.
  const waiting = (
    await eventually(
      'vocational needs from post-rehab management',
      async () => [...(await queue('waiting')).items, ...(await queue('supported')).items],
      (items) => items.length > 0,
      60_000,
    ).catch(() => [] as QueueItem[])
  ).filter(
    (item, index, all) => all.findIndex((other) => other.personId === item.personId) === index,
  );

  const existing = await gw.get<{ items: { id: string; name: string }[] }>(
    officer,
    `${api}/courses?unitCode=99`,
  );
  const courses: { id: string; name: string }[] = [];
  for (const seed of [0, 3]) {
    const body = courseBody(seed, {
      unitCode: '99',
      startsOn: addDays(today, -20),
      endsOn: addDays(today, 70),
      capacity: 15,
    });
    const found = existing.items.find((course) => course.name === body.name);
    courses.push(
      found ??
        (await gw.post<{ id: string; name: string }>(
          officer,
          `${api}/courses`,
          body,
          `seed-course-${seed}`,
        )),
    );
  }

  const files = new Map<string, SupportFileBody>();
  const fileOf = async (personId: string) =>
    files.get(personId) ?? gw.get<SupportFileBody>(officer, `${api}/persons/${personId}/support`);
  let enrolled = 0;
  let placed = 0;
  for (const [index, item] of waiting.slice(0, 8).entries()) {
    const course = courses[index % courses.length];
    if (course) {
      await gw.post(officer, `${api}/courses/${course.id}/enrolments`, { personId: item.personId });
      enrolled++;
    }
    if (index % 2 === 0) {
      const file = await fileOf(item.personId);
      if (!file.supports.some((support) => support.kind === 'job-placement')) {
        await gw.post(
          officer,
          `${api}/placements`,
          placementBody(index, item.personId, addDays(today, -100 + index)),
          `seed-placement-${item.personId}`,
        );
        placed++;
      }
    }
  }

  // One commune's loan list: the eligible persons without a loan yet.
  let lent = 0;
  let listed = 0;
  for (const unitCode of communes) {
    const police = sign(communePolice(unitCode));
    const eligibility = await gw.get<{ items: { personId: string }[] }>(
      police,
      `${api}/loan-eligibility?unitCode=${unitCode}`,
    );
    const candidates: string[] = [];
    for (const { personId } of eligibility.items.slice(0, 5)) {
      const file = await fileOf(personId);
      if (!file.supports.some((support) => support.kind === 'loan')) candidates.push(personId);
    }
    if (candidates.length === 0) continue;
    const list = await gw.post<{ id: string }>(
      police,
      `${api}/loan-lists`,
      { unitCode, personIds: candidates },
      `seed-loan-list-${unitCode}-${candidates.join(',')}`,
    );
    await gw
      .post(sign(chairman(unitCode)), `${api}/loan-lists/${list.id}/certify`, undefined)
      .catch((error: unknown) => {
        // The same list replayed by its Idempotency-Key was certified by an earlier run.
        if (!(error instanceof SeedError && error.code === 'loan-list-certified')) throw error;
      });
    listed = candidates.length;
    for (const [index, personId] of candidates.entries()) {
      await gw.post(
        officer,
        `${api}/loans`,
        loanBody(personId, addDays(today, -index), 30_000_000 + index * 10_000_000),
        `seed-loan-${personId}`,
      );
      lent++;
    }
    break;
  }
  return `vocational: ${waiting.length} persons with needs, ${courses.length} courses, ${enrolled} enrolments, ${placed} new placements, a certified loan list of ${listed}, ${lent} new loans`;
}
