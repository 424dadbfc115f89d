// The steps during post-rehab management and how it ends (Law 73/2021/QH14 Art. 27, 32, 40,
// 43; Decree 116/2021/ND-CP Art. 77-82): a helper, contacts, absences, support needs, tests
// (a positive one is a relapse: the registry's determination referral and, for an adult,
// the compulsory case), completion with the certificate, and removal from the list.
import { InputError, errorCode, isAfter, type LocalDate } from '@rehab/domain-kit';
import { relapseDetected } from '@rehab/events';
import {
  assignHelper,
  completePostRehab,
  recordAbsence,
  recordContact,
  recordSupportNeed,
  recordTest,
  removeFromPostRehab,
  type RemovalReason,
  type SupportNeed,
} from '../domain/index.ts';
import { compulsoryCaseFor } from './compulsory-opening.ts';
import { caseEvent, type TreatmentDeps } from './deps.ts';
import { postRehabStep, type PostRehabCall } from './post-rehab.ts';

const unreportedAbsenceNotOver = errorCode(
  'unreported-absence-not-over',
  'An unreported absence is recorded once it is over: it ends on {to}, after the day it is recorded ({on})',
  'Vắng mặt không khai báo chỉ được ghi nhận khi đã kết thúc: kết thúc ngày {to}, sau ngày ghi nhận ({on})',
);

/**
 * Assigns a helper (a volunteer or organisation member) who may help at most the rulebook's
 * number of persons (2), counted over the cases under management with them.
 * The count and the save run under a lock per helper as well as the case's lock: under the
 * case lock alone, two assignments of one helper to two persons could both count one and
 * both pass.
 */
export const assignHelperUseCase = (
  deps: TreatmentDeps,
  call: PostRehabCall,
  helper: { helperId: string; on: LocalDate },
) =>
  deps.cases.exclusive(`helper:${helper.helperId}`, () =>
    postRehabStep(deps, call, 'assign-helper', helper.on, async (current) => {
      const helped = (await deps.cases.byHelper(helper.helperId)).filter(
        (kase) =>
          kase.kind === 'post-rehab' &&
          kase.id !== current.id &&
          kase.state === 'under-management' &&
          kase.helper?.id === helper.helperId,
      );
      return {
        next: assignHelper(
          current,
          { id: helper.helperId, on: helper.on, currentCount: helped.length },
          deps.rules,
        ),
      };
    }),
  );

/** A periodic contact: counselling, relapse prevention, a visit. */
export const recordContactUseCase = (deps: TreatmentDeps, call: PostRehabCall, on: LocalDate) =>
  postRehabStep(deps, call, 'record-contact', on, (current) => recordContact(current, on));

/** A need for support; the caseChanged event of the step tells the vocational service. */
export const recordSupportNeedUseCase = (
  deps: TreatmentDeps,
  call: PostRehabCall,
  input: { need: SupportNeed; on: LocalDate },
) =>
  postRehabStep(deps, call, 'record-support-need', input.on, (current) =>
    recordSupportNeed(current, input.need, input.on),
  );

/**
 * An absence, recorded on `on`. One reported in advance may lie ahead; an unreported one
 * is known only once the person is back, and its days extend the term.
 */
export const recordAbsenceUseCase = (
  deps: TreatmentDeps,
  call: PostRehabCall,
  input: {
    on: LocalDate;
    from: LocalDate;
    to: LocalDate;
    reported: boolean;
    reason?: string | undefined;
  },
) => {
  if (!input.reported && isAfter(input.to, input.on)) {
    throw new InputError(unreportedAbsenceNotOver, {
      field: 'to',
      params: { to: input.to, on: input.on },
    });
  }
  return postRehabStep(deps, call, 'record-absence', input.on, (current) =>
    recordAbsence(current, {
      from: input.from,
      to: input.to,
      reported: input.reported,
      reason: input.reason,
    }),
  );
};

/**
 * A test. A positive one ends management as a relapse; in the same write the case emits
 * `relapseDetected` (the registry refers the person for determination), and for an adult
 * the violation record opens the compulsory case (a minor has no relapse trigger).
 */
export const recordTestUseCase = (
  deps: TreatmentDeps,
  call: PostRehabCall,
  test: { on: LocalDate; positive: boolean },
) =>
  postRehabStep(deps, call, 'negative-test', test.on, async (current) => {
    const { case: next, relapse } = recordTest(current, test, deps.rules);
    if (!relapse) return { next };
    const trigger = relapse.compulsoryTrigger;
    const legalRef = [relapse.determinationReferral.legalRef, trigger?.legalRef]
      .filter((ref): ref is string => ref !== undefined)
      .join('; ');
    return {
      next,
      step: 'relapse',
      legalRef,
      events: () => [
        caseEvent(relapseDetected, current.personId, call.actor, {
          caseId: current.id,
          personId: current.personId,
          unitCode: current.unitCode,
          detectedOn: test.on,
          legalRef,
        }),
      ],
      ...(trigger
        ? {
            follow: await compulsoryCaseFor(deps, {
              personId: current.personId,
              unitCode: current.unitCode,
              trigger: trigger.reason,
              violationRecordId: `${current.id}:relapse`,
              on: test.on,
            }),
          }
        : {}),
    };
  });

/**
 * Completion once the term with its extensions has ended: the certificate (form 54) by
 * the office the regime names, and removal from the list. The certificate keeps the
 * number the commune gave it, or gets one.
 */
export const completePostRehabUseCase = (
  deps: TreatmentDeps,
  call: PostRehabCall,
  completion: { on: LocalDate; by: string; certificateId?: string | undefined },
) =>
  postRehabStep(deps, call, 'complete', completion.on, (current) => {
    const certificateId = completion.certificateId ?? deps.newId();
    return {
      next: completePostRehab(
        current,
        { on: completion.on, by: completion.by, certificateId },
        deps.rules,
      ),
      certificateId,
    };
  });

/** Removal from the list on imprisonment, a move away, death or a declaration of missing. */
export const removeFromPostRehabUseCase = (
  deps: TreatmentDeps,
  call: PostRehabCall,
  removal: { on: LocalDate; reason: RemovalReason },
) =>
  postRehabStep(deps, call, 'remove', removal.on, (current) =>
    removeFromPostRehab(current, removal),
  );
