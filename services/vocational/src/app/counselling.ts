// Job counselling (tư vấn việc làm) for a person after rehab: a support recorded on the
// person's file with its event, in one write.
import { supportGiven } from '@rehab/events';
import type { LocalDate } from '@rehab/domain-kit';
import { recordCounselling, type CounsellingSession, type SupportFile } from '../domain/index.ts';
import {
  knownPerson,
  vocationalEvent,
  type Actor,
  type JurisdictionGuard,
  type VocationalDeps,
} from './deps.ts';
import { changeFile } from './support-files.ts';

export async function counsellingUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: { personId: string; on: LocalDate; topic: string; outcome: string },
): Promise<{ file: SupportFile; session: CounsellingSession }> {
  const person = await knownPerson(deps, input.personId, guard);
  const session: CounsellingSession = {
    id: deps.newId(),
    on: input.on,
    topic: input.topic,
    outcome: input.outcome,
    by: actor.sub,
  };
  const file = await changeFile(deps, person.id, person.residenceUnitCode, (current) => {
    const next = recordCounselling(current, session);
    return next
      ? {
          next,
          events: [
            vocationalEvent(supportGiven, person.id, actor, {
              supportId: session.id,
              personId: person.id,
              kind: 'counselling',
              on: session.on,
              unitCode: current.unitCode,
            }),
          ],
        }
      : undefined;
  });
  return { file, session };
}
