// Keeps the read models up to date per event: the person's facts before and after the event
// decide how each counter moves (domain/contributions.ts). Alone per person, so two topics'
// events about one person never interleave; each counter is changed alone for itself.
// Exactly once, though the person and the counters are separate records and a write can
// fail or the process die between them: the person's new facts are written first with the
// intent (the counter changes still to make), each counter records the intents it took,
// and the intent is cleared last. A later processing of the person finishes an intent left
// behind, skipping the counters that took it.
import type { EventEnvelope } from '@rehab/events';
import { changesBetween } from '../domain/contributions.ts';
import type { Fact } from '../domain/facts.ts';
import { noFacts, type PersonFacts } from '../domain/person-facts.ts';
import { rollUpChain } from '../domain/units.ts';
import type { ReportingDeps } from './deps.ts';
import type { CountingIntent, ReadModelStore } from './ports.ts';
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
    if (stored?.pending) await finishIntent(deps, store, pseudonym, stored.facts, stored.pending);
    const before = stored?.facts ?? noFacts;
    const after = projectEvent(before, event);
    if (after === before || JSON.stringify(after) === JSON.stringify(before)) return 0;
    const changes = changesBetween(before, after, deps.catalogue.ageBands, (unit) =>
      rollUpChain(unit, deps.units),
    );
    const intent: CountingIntent = {
      id: `${pseudonym}:${event.id}`,
      eventTime: event.time,
      changes: [...changes].map(([key, change]) => {
        const [fact, unitCode] = key.split('|') as [Fact, string];
        return [fact, unitCode, change] as const;
      }),
    };
    await store.putPerson(pseudonym, after, !stored, intent);
    await finishIntent(deps, store, pseudonym, after, intent);
    return changes.size;
  });
}

/** Moves every counter of the intent that has not taken it yet, then clears it. */
async function finishIntent(
  deps: ReportingDeps,
  store: ReadModelStore,
  pseudonym: string,
  facts: PersonFacts,
  intent: CountingIntent,
): Promise<void> {
  for (const [fact, unitCode, change] of intent.changes) {
    await store.applySeries(fact, unitCode, change, {
      id: intent.id,
      pseudonym,
      eventTime: intent.eventTime,
    });
    deps.faults?.afterSeriesWrite?.(pseudonym);
  }
  await store.putPerson(pseudonym, facts, false);
}
