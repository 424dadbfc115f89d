// How each consumed event changes what the reports know of its person. Pure: the same
// event on the same facts gives the same facts, so a redelivered event changes nothing.
import {
  caseChanged,
  caseOpened,
  determinationConcluded,
  determinationReferred,
  drugUseDetected,
  methadoneAdmitted,
  methadoneCompleted,
  methadoneDischarged,
  methadoneTransferred,
  supportGiven,
  supportNeedOpened,
  personMoved,
  personRegistered,
  personUpdated,
  relapseDetected,
  type EventEnvelope,
} from '@rehab/events';
import { ethnicityGroup } from '../domain/breakdowns.ts';
import type { FlowFact, Modality, StockFact } from '../domain/facts.ts';
import {
  endSpells,
  moveCase,
  moveSpells,
  openSpell,
  recordOccurrence,
  withAttributes,
  withdrawOccurrence,
  type PersonFacts,
} from '../domain/person-facts.ts';

/** The person an event is about (every consumed event carries it). */
export function personIdOf(event: EventEnvelope): string | undefined {
  const data = event.data as { personId?: unknown };
  return typeof data.personId === 'string' ? data.personId : undefined;
}

const isManagement = (key: string) => key.startsWith('management:');

/** The next facts after an event; the same facts when the event tells nothing counted. */
export function projectEvent(facts: PersonFacts, event: EventEnvelope): PersonFacts {
  switch (event.type) {
    case personRegistered.type:
    case personUpdated.type:
    case determinationReferred.type: {
      const { person } = personRegistered.schema.pick({ person: true }).parse(event.data);
      return withAttributes(facts, {
        sex: person.sex,
        dateOfBirth: person.dateOfBirth,
        residenceUnitCode: person.residenceUnitCode,
        ...(ethnicityGroup(person.ethnicity)
          ? { ethnicity: ethnicityGroup(person.ethnicity) }
          : {}),
      });
    }
    case drugUseDetected.type: {
      const data = drugUseDetected.schema.parse(event.data);
      const { management } = data;
      // A renewal or a new term: the earlier term ends the day before the new decision.
      const ended = endSpells(facts, management.decisionDate, isManagement);
      const listed = openSpell(ended, `management:${management.decisionId}`, {
        fact: 'management-list',
        unitCode: management.unitCode,
        from: management.decisionDate,
        to: management.termEndsOn,
      });
      return recordOccurrence(listed, `detection:${data.detectionId}`, {
        fact: 'drug-use-detected',
        unitCode: data.unitCode,
        on: data.detectedAt,
      });
    }
    case personMoved.type: {
      const data = personMoved.schema.parse(event.data);
      if (data.managementStopped) {
        const stopped = endSpells(facts, data.effectiveOn, isManagement);
        return data.kind === 'residence-change' && data.toUnitCode
          ? withAttributes(stopped, { residenceUnitCode: data.toUnitCode })
          : stopped;
      }
      if (data.kind !== 'residence-change' || !data.toUnitCode) return facts;
      // The management follows the person to the commune of the new residence.
      const moved = moveSpells(facts, data.effectiveOn, data.toUnitCode, isManagement);
      return withAttributes(moved, { residenceUnitCode: data.toUnitCode });
    }
    case determinationConcluded.type: {
      const data = determinationConcluded.schema.parse(event.data);
      const key = `determination:${data.determinationId}`;
      if (data.result !== 'addicted') return withdrawOccurrence(facts, key);
      // The management term it stops is cut when counting (contributions.ts, effectiveSpells).
      const withSubstance = data.substanceClass
        ? withAttributes(facts, { substance: data.substanceClass })
        : facts;
      return recordOccurrence(withSubstance, key, {
        fact: 'determined-addicted',
        on: data.concludedOn,
      });
    }
    case caseOpened.type: {
      const data = caseOpened.schema.parse(event.data);
      const moved = moveCase(
        facts,
        data.caseId,
        data.openedOn,
        stockOf(data.kind, data.state, data.unitCode),
      );
      return data.kind === 'post-rehab'
        ? recordOccurrence(moved, `case:${data.caseId}:post-rehab-opened`, {
            fact: 'post-rehab-opened',
            ...unit(data.unitCode),
            on: data.openedOn,
            modality: 'post-rehab',
          })
        : moved;
    }
    case caseChanged.type: {
      const data = caseChanged.schema.parse(event.data);
      const moved = moveCase(
        facts,
        data.caseId,
        data.changedOn,
        stockOf(data.kind, data.state, data.unitCode),
      );
      return flowsOfCaseChange(moved, data);
    }
    case relapseDetected.type: {
      const data = relapseDetected.schema.parse(event.data);
      return recordOccurrence(facts, `relapse:${data.caseId}:${data.detectedOn}`, {
        fact: 'relapse',
        unitCode: data.unitCode,
        on: data.detectedOn,
        modality: 'post-rehab',
      });
    }
    default:
      return projectOtherStreams(facts, event);
  }
}

/** Methadone (MMT rows of Circular 05/2023/TT-BYT) and vocational support after rehab. */
function projectOtherStreams(facts: PersonFacts, event: EventEnvelope): PersonFacts {
  switch (event.type) {
    case methadoneAdmitted.type: {
      const data = methadoneAdmitted.schema.parse(event.data);
      const onMmt = {
        fact: 'mmt-on-treatment' as const,
        unitCode: data.clinicUnitCode,
        modality: 'mmt' as const,
      };
      const moved = moveCase(facts, `mmt-${data.patientId}`, data.admittedOn, onMmt);
      return recordOccurrence(moved, `mmt:${data.patientId}:new`, {
        fact: 'mmt-new',
        unitCode: data.clinicUnitCode,
        on: data.admittedOn,
        modality: 'mmt',
      });
    }
    case methadoneTransferred.type: {
      // The same treatment at another clinic: the stock moves, nothing new starts.
      const data = methadoneTransferred.schema.parse(event.data);
      const onMmt = {
        fact: 'mmt-on-treatment' as const,
        unitCode: data.clinicUnitCode,
        modality: 'mmt' as const,
      };
      return moveCase(facts, `mmt-${data.patientId}`, data.transferredOn, onMmt);
    }
    case methadoneDischarged.type: {
      const data = methadoneDischarged.schema.parse(event.data);
      const ended = moveCase(facts, `mmt-${data.patientId}`, data.dischargedOn, undefined);
      return recordOccurrence(ended, `mmt:${data.patientId}:dropped-out`, {
        fact: 'mmt-dropped-out',
        unitCode: data.clinicUnitCode,
        on: data.dischargedOn,
        modality: 'mmt',
      });
    }
    case methadoneCompleted.type: {
      const data = methadoneCompleted.schema.parse(event.data);
      const ended = moveCase(facts, `mmt-${data.patientId}`, data.completedOn, undefined);
      return recordOccurrence(ended, `mmt:${data.patientId}:completed`, {
        fact: 'rehab-completed',
        unitCode: data.clinicUnitCode,
        on: data.completedOn,
        modality: 'mmt',
      });
    }
    case supportNeedOpened.type: {
      const data = supportNeedOpened.schema.parse(event.data);
      return recordOccurrence(facts, `support-need:${data.episodeId}`, {
        fact: 'post-rehab-support-needed',
        unitCode: data.unitCode,
        on: data.openedOn,
        modality: 'post-rehab',
      });
    }
    case supportGiven.type: {
      // Persons supported, not supports: the person's first support counts.
      const data = supportGiven.schema.parse(event.data);
      const first = facts.occurrences['support:first'];
      if (first && first.on <= data.on) return facts;
      return recordOccurrence(facts, 'support:first', {
        fact: 'post-rehab-supported',
        unitCode: data.unitCode,
        on: data.on,
        modality: 'post-rehab',
      });
    }
    default:
      return facts;
  }
}

const unit = (unitCode: string | undefined) => (unitCode ? { unitCode } : {});

type CaseKind =
  'awaiting-registration' | 'voluntary-home' | 'voluntary-facility' | 'compulsory' | 'post-rehab';

const modalityOf = (kind: CaseKind): Modality | undefined =>
  kind === 'awaiting-registration' ? undefined : kind;

/** The stock a case's state puts the person in, if any. */
function stockOf(kind: CaseKind, state: string, unitCode: string | undefined) {
  const fact: StockFact | undefined =
    kind === 'compulsory' && (state === 'admitted' || state === 'suspended')
      ? 'in-compulsory'
      : kind === 'voluntary-home' && state === 'in-rehab'
        ? 'in-voluntary-home'
        : kind === 'voluntary-facility' && state === 'in-rehab'
          ? 'in-voluntary-facility'
          : kind === 'post-rehab' &&
              [
                'awaiting-report',
                'awaiting-file',
                'awaiting-decision',
                'under-management',
              ].includes(state)
            ? 'under-post-rehab'
            : undefined;
  const modality = modalityOf(kind);
  return fact && modality ? { fact, modality, ...unit(unitCode) } : undefined;
}

/** The flows a case's new state counts, once per case (absconding once per day it happens). */
function flowsOfCaseChange(
  facts: PersonFacts,
  data: {
    caseId: string;
    kind: CaseKind;
    state: string;
    unitCode?: string | undefined;
    changedOn: string;
  },
): PersonFacts {
  const at = {
    ...unit(data.unitCode),
    on: data.changedOn,
    ...(modalityOf(data.kind) ? { modality: modalityOf(data.kind) } : {}),
  };
  const once = (fact: FlowFact, key: string = fact) =>
    recordOccurrence(facts, `case:${data.caseId}:${key}`, { fact, ...at });
  if (data.kind === 'compulsory') {
    if (data.state === 'dossier-compiled') return once('compulsory-dossier-compiled');
    if (data.state === 'court-decided') return once('compulsory-court-decided');
    if (data.state === 'admitted' && !facts.occurrences[`case:${data.caseId}:compulsory-executed`])
      return once('compulsory-executed');
    if (data.state === 'absconded' || data.state === 'absconded-before-admission')
      return once('absconded', `absconded:${data.changedOn}`);
    if (data.state === 'released') return once('rehab-completed');
  }
  if (
    (data.kind === 'voluntary-home' || data.kind === 'voluntary-facility') &&
    data.state === 'completed'
  )
    return once('rehab-completed');
  return facts;
}
