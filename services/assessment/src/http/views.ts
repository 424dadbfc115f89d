import { currentConclusion, facilityHistoryOf, firstAssignedOn } from '../domain/index.ts';
import type { StoredDetermination } from '../app/ports.ts';

/** What lists show: the status and, once concluded, the result. */
export function determinationSummary(d: StoredDetermination) {
  const current = currentConclusion(d);
  return {
    id: d.id,
    status: d.status,
    personId: d.personId,
    facilityId: d.facilityId,
    origin: d.origin.kind,
    requestedOn: d.requestedOn,
    ...(current ? { result: current.result } : {}),
    ...(current?.substanceClass ? { substanceClass: current.substanceClass } : {}),
  };
}

/** The full determination with clinical detail, for health staff. */
export function determinationView(d: StoredDetermination) {
  const last = d.conclusions.at(-1);
  return {
    ...determinationSummary(d),
    version: d.version,
    facilityHistory: facilityHistoryOf(d),
    firstAssignedOn: firstAssignedOn(d),
    tests: d.tests,
    observations: d.observations,
    conclusions: d.conclusions.map((c) => ({
      id: c.id,
      concludedOn: c.concludedOn,
      assessorUserId: c.assessorUserId,
      result: c.result,
      ...(c.substanceClass ? { substanceClass: c.substanceClass } : {}),
      criteriaMet: c.criteriaMet,
      ...(c.override ? { override: c.override } : {}),
      ...(c.supersedes ? { supersedes: c.supersedes } : {}),
      explanation: c.computed.explanation,
      current: c === last,
    })),
  };
}
