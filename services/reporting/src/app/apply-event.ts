// Keeps the read models up to date per event: the person's facts before and after the event
// decide how each counter moves (domain/contributions.ts). Alone per person, so two topics'
// events about one person never interleave; each counter is changed alone for itself.
import type { EventEnvelope } from '@rehab/events';
import { changesBetween } from '../domain/contributions.ts';
import type { Fact } from '../domain/facts.ts';
import { noFacts } from '../domain/person-facts.ts';
import { rollUpChain } from '../domain/units.ts';
import type { ReportingDeps } from './deps.ts';
import type { ReadModelStore } from './ports.ts';
import { personIdOf, projectEvent } from './project-event.ts';

/** Applies one event to one generation of read models; returns how many series moved. */
export async function applyEventUseCase(
  deps: ReportingDeps,
  store: ReadModelStore,
  event: EventEnvelope,
): Promise<number> {
  const personId = personIdOf(event);
  if (!personId) return 0;
  const pseudonym = deps.pseudonym(personId);
  return store.exclusivePerson(pseudonym, async () => {
    const stored = await store.getPerson(pseudonym);
    const before = stored ?? noFacts;
    const after = projectEvent(before, event);
    if (after === before || JSON.stringify(after) === JSON.stringify(before)) return 0;
    const changes = changesBetween(before, after, deps.catalogue.ageBands, (unit) =>
      rollUpChain(unit, deps.units),
    );
    // Counters first, the person last: the person's record says what is already counted.
    for (const [key, change] of changes) {
      const [fact, unitCode] = key.split('|') as [Fact, string];
      await store.applySeries(fact, unitCode, change, event.time);
    }
    await store.putPerson(pseudonym, after, !stored);
    return changes.size;
  });
}
