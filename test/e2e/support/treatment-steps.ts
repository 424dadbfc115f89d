// The treatment service's part of a journey: the person's cases as the provincial labour
// office sees them, a step taken on a case, and voluntary home rehab walked from the
// registration to the chairman's certificate.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import { eventually } from '@rehab/testing';
import request from 'supertest';
import { expect } from 'vitest';
import type { JourneyServices } from './journey-services.ts';

export interface CaseBody {
  id: string;
  kind: string;
  state: string;
  unitCode: string;
  registrationDeadline?: LocalDate;
  term?: { endsOn: LocalDate; minimumEndsOn: LocalDate };
  [field: string]: unknown;
}

/** `moveTo` sets the journey's today, which the home rehab's stages move forward. */
export function treatmentSteps(services: JourneyServices, moveTo: (day: LocalDate) => void) {
  const care = () => request(services.treatment.app);
  const labour = () => services.token('labour', ['officer']);

  const casesOf = (personId: string) =>
    care()
      .get(`/treatment/v1/cases?personId=${personId}`)
      .set(labour())
      .then((res) => res.body.items as CaseBody[]);

  /** The person's case of `kind`, once treatment has opened it. */
  const caseOf = async (personId: string, kind: string) =>
    (
      await eventually(
        () => casesOf(personId),
        (items) => items.some((kase) => kase.kind === kind),
      )
    ).find((kase) => kase.kind === kind)!;

  /** POST a step as the given caller, expecting it to be taken. */
  async function step(id: string, path: string, auth: { Authorization: string }, body: object) {
    const res = await care().post(`/treatment/v1/cases/${id}/${path}`).set(auth).send(body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body as CaseBody & { opened?: CaseBody };
  }

  /** Walks a person from the result through home rehab (6 months) to the chairman's certificate. */
  async function completesHomeRehab(personId: string, unitCode: string) {
    const chairman = services.token('commune', ['chairman'], unitCode);
    const officer = services.token('commune', ['officer'], unitCode);
    const awaiting = await caseOf(personId, 'awaiting-registration');
    const registered = await step(awaiting.id, 'registration', officer, {
      modality: 'voluntary-home',
    });
    const episode = registered.opened!;
    expect(episode).toMatchObject({ kind: 'voluntary-home', state: 'awaiting-decision' });
    const decided = await step(episode.id, 'voluntary/home-decision', chairman, {
      termMonths: 6,
      responsible: { kind: 'official', id: 'can-bo-xa-01' },
    });
    const start = services.clock.today();
    const stages: [string, number, number][] = [
      ['reception-and-classification', 0, 5],
      ['detox-and-treatment', 6, 40],
      ['education-and-counselling', 41, 90],
    ];
    for (const [stage, from, to] of stages) {
      moveTo(addDays(start, to));
      await step(episode.id, 'voluntary/stages', officer, {
        stage,
        startedOn: addDays(start, from),
        on: addDays(start, to),
      });
    }
    moveTo(decided.term!.minimumEndsOn);
    const completed = await step(episode.id, 'voluntary/home-completion', chairman, {});
    expect(completed).toMatchObject({ state: 'completed', certificate: { form: '26a' } });
    expect(completed.opened).toMatchObject({ kind: 'post-rehab', state: 'awaiting-file' });
    return { episode, postRehab: completed.opened!, chairman, officer };
  }

  return { casesOf, caseOf, step, completesHomeRehab };
}
