// What the reports know of one person, under a pseudonym: the attributes counts are broken
// down by, the spells of each stock (from one day to another) and the days of each flow.
// Every change is a pure function; the counters move by the difference between what the
// person contributed before and after (contributions.ts), so a corrected attribute or a
// superseded conclusion moves the person between cells instead of counting twice.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import type { PersonAttributes } from './breakdowns.ts';
import type { FlowFact, Modality, StockFact } from './facts.ts';

/** A stretch of days in a stock, both ends inclusive; open while `to` is absent. */
export interface Spell {
  readonly fact: StockFact;
  /** Where the person is counted; absent: the person's residence (known later, perhaps). */
  readonly unitCode?: string;
  readonly from: LocalDate;
  readonly to?: LocalDate;
  readonly modality?: Modality;
}

/** One day a flow counted the person. */
export interface Occurrence {
  readonly fact: FlowFact;
  /** Where it is counted; absent: the person's residence. */
  readonly unitCode?: string;
  readonly on: LocalDate;
  readonly modality?: Modality;
}

export interface PersonFacts {
  readonly attributes: PersonAttributes;
  /** By a key naming its origin (`management:<decisionId>`, `case:<caseId>:<from>`). */
  readonly spells: Readonly<Record<string, Spell>>;
  /** By a key that makes a repeated event harmless (`detection:<detectionId>`). */
  readonly occurrences: Readonly<Record<string, Occurrence>>;
}

export const noFacts: PersonFacts = { attributes: {}, spells: {}, occurrences: {} };

/** Replaces the attributes a registry snapshot gives, keeping the substance class. */
export function withAttributes(facts: PersonFacts, attributes: PersonAttributes): PersonFacts {
  return { ...facts, attributes: { ...facts.attributes, ...attributes } };
}

/** Records a flow once per key. */
export function recordOccurrence(
  facts: PersonFacts,
  key: string,
  occurrence: Occurrence,
): PersonFacts {
  return { ...facts, occurrences: { ...facts.occurrences, [key]: occurrence } };
}

/** Removes a flow (a superseded conclusion that is no longer "addicted"). */
export function withdrawOccurrence(facts: PersonFacts, key: string): PersonFacts {
  if (!(key in facts.occurrences)) return facts;
  const { [key]: _gone, ...occurrences } = facts.occurrences;
  return { ...facts, occurrences };
}

/** Opens a spell (replacing one with the same key: a resent event changes nothing). */
export function openSpell(facts: PersonFacts, key: string, spell: Spell): PersonFacts {
  return { ...facts, spells: { ...facts.spells, [key]: spell } };
}

/**
 * Ends the spells chosen by `which` on the day before `on` (the person left the stock on
 * `on`). A spell that would end before it began is dropped: it never counted at a day's end.
 */
export function endSpells(
  facts: PersonFacts,
  on: LocalDate,
  which: (key: string, spell: Spell) => boolean,
): PersonFacts {
  const lastDay = addDays(on, -1);
  const spells: Record<string, Spell> = {};
  for (const [key, spell] of Object.entries(facts.spells)) {
    const ends = which(key, spell) && (!spell.to || spell.to > lastDay);
    if (!ends) spells[key] = spell;
    else if (spell.from <= lastDay) spells[key] = { ...spell, to: lastDay };
  }
  return { ...facts, spells };
}

/**
 * Moves the spells chosen by `which` that run on `on` to `unitCode` from that day: each
 * ends the day before (or goes, if it began on or after `on`) and continues under
 * `<key>@<on>` in the new unit until its own end: a person is managed where they live, and
 * the police of the new residence take the management over (Law 73/2021/QH14 Art. 23;
 * Decree 105/2021/NĐ-CP Art. 37-48), as the registry's management list shows. Keyed by the
 * original spell and the day, so a resent movement moves nothing twice.
 */
export function moveSpells(
  facts: PersonFacts,
  on: LocalDate,
  unitCode: string,
  which: (key: string, spell: Spell) => boolean,
): PersonFacts {
  const spells: Record<string, Spell> = {};
  const lastDay = addDays(on, -1);
  for (const [key, spell] of Object.entries(facts.spells)) {
    const runsOn = (!spell.to || spell.to >= on) && which(key, spell);
    if (!runsOn || spell.unitCode === unitCode) {
      spells[key] ??= spell;
      continue;
    }
    const origin = key.split('@')[0] as string;
    if (spell.from <= lastDay) spells[key] = { ...spell, to: lastDay };
    spells[`${origin}@${on}`] = { ...spell, unitCode, from: spell.from > on ? spell.from : on };
  }
  return { ...facts, spells };
}

/**
 * A case's state decides its stock: the open spell of the case ends when the state leaves
 * the stock and a new one opens when it enters another. Staying in the same stock (admitted
 * to suspended for hospital care) keeps the spell.
 */
export function moveCase(
  facts: PersonFacts,
  caseId: string,
  on: LocalDate,
  next: { fact: StockFact; unitCode?: string; modality: Modality } | undefined,
): PersonFacts {
  const prefix = `case:${caseId}:`;
  const open = Object.entries(facts.spells).find(([key, s]) => key.startsWith(prefix) && !s.to);
  if (open && next && open[1].fact === next.fact && open[1].unitCode === next.unitCode)
    return facts;
  const ended = open ? endSpells(facts, on, (key) => key === open[0]) : facts;
  return next ? openSpell(ended, `${prefix}${on}`, { ...next, from: on }) : ended;
}
