import { isLocalDate } from '@rehab/domain-kit';
import { z } from 'zod';
import { dueItems } from '../domain/index.ts';
import type { StoredCase } from '../app/ports.ts';

export const localDate = z
  .string()
  .refine((value) => isLocalDate(value), 'must be an existing date written YYYY-MM-DD')
  .meta({ format: 'date' });

/** The dates that matter for each kind of case, by name. */
function keyDates(kase: StoredCase): Record<string, unknown> {
  switch (kase.kind) {
    case 'awaiting-registration':
      return {
        registrationDeadline: kase.registrationDeadline,
        registrant: kase.registrant,
        ...(kase.registration ? { registration: kase.registration } : {}),
        ...(kase.violation ? { violation: kase.violation } : {}),
      };
    case 'voluntary-home':
    case 'voluntary-facility':
      return {
        registeredOn: kase.registeredOn,
        ...(kase.decisionDueBy ? { decisionDueBy: kase.decisionDueBy } : {}),
        ...(kase.decision ? { decision: kase.decision } : {}),
        ...(kase.admission ? { admission: kase.admission } : {}),
        ...(kase.term ? { term: kase.term } : {}),
        stages: kase.stages,
        notices: kase.notices,
        ...(kase.certificate ? { certificate: kase.certificate } : {}),
        ...(kase.violation ? { violation: kase.violation } : {}),
      };
    case 'post-rehab':
      return {
        origin: kase.origin,
        rehabEndedOn: kase.rehabEndedOn,
        ...(kase.sourceReference ? { sourceReference: kase.sourceReference } : {}),
        ...(kase.reportInDueBy ? { reportInDueBy: kase.reportInDueBy } : {}),
        ...(kase.report ? { report: kase.report } : {}),
        ...(kase.fileDueBy ? { fileDueBy: kase.fileDueBy } : {}),
        ...(kase.file ? { file: kase.file } : {}),
        ...(kase.decisionDueBy ? { decisionDueBy: kase.decisionDueBy } : {}),
        ...(kase.decision ? { decision: kase.decision } : {}),
        absences: kase.absences,
        ...(kase.term ? { term: kase.term } : {}),
        ...(kase.helper ? { helper: kase.helper } : {}),
        supportNeeds: kase.supportNeeds,
        ...(kase.certificate ? { certificate: kase.certificate } : {}),
        ...(kase.removal ? { removal: kase.removal } : {}),
      };
    case 'compulsory':
      return {
        ...kase.placement,
        ...(kase.termEndsOn ? { termEndsOn: kase.termEndsOn } : {}),
      };
  }
}

/** The case as listed: kind, state, the dates that matter and what is due next. */
export function caseSummary(kase: StoredCase, today: string) {
  return {
    id: kase.id,
    personId: kase.personId,
    kind: kase.kind,
    state: kase.state,
    unitCode: kase.unitCode,
    openedOn: kase.openedOn,
    regime: kase.regime.regime,
    ...keyDates(kase),
    due: dueItems(kase, today),
    version: kase.version,
  };
}

/** The case in full: the summary with its timeline. */
export function caseView(kase: StoredCase, today: string) {
  return { ...caseSummary(kase, today), timeline: kase.timeline };
}
