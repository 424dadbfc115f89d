// A patient's treatment as a FHIR R4 Bundle (`collection`): a pseudonymous Patient (no name,
// no national ID: the MMT patient id only), the EpisodeOfCare, one MedicationRequest per
// order, one MedicationAdministration per observed dose (`not-done` with a reason for each
// missed day), one MedicationDispense per take-home bottle and one Observation per drug test.
// No opioid-treatment implementation guide exists, so only the base specification applies.
// Resource ids are derived from the records' own keys, so the same record always has the
// same id.
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  EpisodeOfCare,
  FhirResource,
  MedicationAdministration,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Patient as FhirPatient,
  Quantity,
} from 'fhir/r4.js';
import { addDays } from '@rehab/domain-kit';
import type { DoseOrder, DrugTest } from '../domain/index.ts';
import { loadPatient, type JurisdictionGuard, type MethadoneDeps } from './deps.ts';
import type { DoseRecord, StoredPatient } from './ports.ts';

const SYSTEM = 'urn:rehab:methadone';

/** Methadone (RxNorm 6813), the medication of every order. */
const METHADONE: CodeableConcept = {
  coding: [
    { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '6813', display: 'methadone' },
  ],
  text: 'Methadone oral solution',
};

const mg = (value: number): Quantity => ({
  value,
  unit: 'mg',
  system: 'http://unitsofmeasure.org',
  code: 'mg',
});

/** A UUID made from a record key and the digest, so the resource keeps its id. */
function uuidOf(digest: (text: string) => string, key: string): string {
  const hex = digest(key).slice(0, 32);
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const episodeStatus = (patient: StoredPatient): EpisodeOfCare['status'] => {
  switch (patient.status) {
    case 'applied':
      return 'waitlist';
    case 'admitted':
      return 'active';
    case 'refused':
      return 'cancelled';
    default:
      return 'finished';
  }
};

function requestStatus(order: DoseOrder, today: string): MedicationRequest['status'] {
  if (order.supersededFrom === order.startsOn) return 'stopped';
  if (order.supersededFrom || order.endsOn < today) return 'completed';
  return 'active';
}

function testObservation(
  test: DrugTest,
  ref: (key: string) => string,
  patientRef: string,
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'laboratory',
          },
        ],
      },
    ],
    code: { text: 'Drug screen' },
    subject: { reference: patientRef },
    effectiveDateTime: test.sampledOn,
    component: test.results.map((result) => ({
      code: { text: result.substanceClass },
      valueBoolean: result.positive,
    })),
    id: ref(`test:${test.id}`),
  };
}

/** The bundle of one patient. */
export async function fhirBundleUseCase(
  deps: MethadoneDeps,
  guard: JurisdictionGuard,
  patientId: string,
): Promise<{ bundle: Bundle; personId: string }> {
  const { patient } = await loadPatient(deps, patientId, guard);
  const doses = await deps.doses.forPatient(patientId);
  const today = deps.clock.today();
  const id = (key: string) => uuidOf(deps.digest, `${patientId}|${key}`);
  const urn = (key: string) => `urn:uuid:${id(key)}`;
  const patientRef = urn('patient');
  const episodeRef = urn('episode');
  const entries: FhirResource[] = [];

  const fhirPatient: FhirPatient = {
    resourceType: 'Patient',
    id: id('patient'),
    identifier: [{ system: `${SYSTEM}:patient`, value: patient.id }],
  };
  entries.push(fhirPatient);
  const start = patient.intake?.decidedOn ?? patient.applicationDate;
  entries.push({
    resourceType: 'EpisodeOfCare',
    id: id('episode'),
    status: episodeStatus(patient),
    type: [{ text: 'Methadone maintenance treatment' }],
    patient: { reference: patientRef },
    period: { start, ...(patient.ended ? { end: patient.ended.on } : {}) },
  } satisfies EpisodeOfCare);
  for (const order of patient.orders) {
    const end = order.supersededFrom ? addDays(order.supersededFrom, -1) : order.endsOn;
    entries.push({
      resourceType: 'MedicationRequest',
      id: id(`order:${order.id}`),
      identifier: [{ system: `${SYSTEM}:order`, value: order.id }],
      status: requestStatus(order, today),
      intent: 'order',
      medicationCodeableConcept: METHADONE,
      subject: { reference: patientRef },
      authoredOn: order.writtenOn,
      requester: { display: order.prescriberUserId },
      note: [{ text: `phase: ${order.phase}` }],
      dosageInstruction: [
        {
          text: `${order.doseMg} mg once a day, observed (${order.phase})`,
          timing: {
            repeat: {
              boundsPeriod: {
                start: order.startsOn,
                end: end < order.startsOn ? order.startsOn : end,
              },
              frequency: 1,
              period: 1,
              periodUnit: 'd',
            },
          },
          route: { text: 'oral' },
          doseAndRate: [{ doseQuantity: mg(order.doseMg) }],
        },
      ],
    } satisfies MedicationRequest);
  }
  const orderRef = (orderId: string) => ({ reference: urn(`order:${orderId}`) });
  for (const dose of doses) entries.push(doseResource(dose, id, patientRef, episodeRef, orderRef));
  for (const day of patient.missedDays) {
    entries.push({
      resourceType: 'MedicationAdministration',
      id: id(`missed:${day}`),
      status: 'not-done',
      statusReason: [{ text: 'Missed dose: the patient did not attend' }],
      medicationCodeableConcept: METHADONE,
      subject: { reference: patientRef },
      context: { reference: episodeRef },
      effectiveDateTime: day,
    } satisfies MedicationAdministration);
  }
  for (const test of patient.tests) entries.push(testObservation(test, id, patientRef));
  const entry: BundleEntry[] = entries.map((resource) => ({
    fullUrl: `urn:uuid:${resource.id ?? ''}`,
    resource,
  }));
  const bundle: Bundle = {
    resourceType: 'Bundle',
    id: id('bundle'),
    type: 'collection',
    timestamp: deps.clock.now().toISOString(),
    entry,
  };
  return { bundle, personId: patient.personId };
}

function doseResource(
  dose: DoseRecord,
  id: (key: string) => string,
  patientRef: string,
  episodeRef: string,
  orderRef: (orderId: string) => { reference: string },
): MedicationAdministration | MedicationDispense {
  const volume: Quantity = {
    value: dose.ml,
    unit: 'mL',
    system: 'http://unitsofmeasure.org',
    code: 'mL',
  };
  if (dose.kind === 'take-home') {
    return {
      resourceType: 'MedicationDispense',
      id: id(`dispense:${dose.serviceDate}`),
      status: 'completed',
      medicationCodeableConcept: METHADONE,
      subject: { reference: patientRef },
      context: { reference: episodeRef },
      authorizingPrescription: [orderRef(dose.orderId)],
      quantity: volume,
      daysSupply: { value: 1, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
      whenHandedOver: dose.recordedAt,
      dosageInstruction: [
        {
          text: `${dose.doseMg} mg on ${dose.serviceDate}`,
          doseAndRate: [{ doseQuantity: mg(dose.doseMg) }],
        },
      ],
    };
  }
  return {
    resourceType: 'MedicationAdministration',
    id: id(`dose:${dose.serviceDate}`),
    status: 'completed',
    medicationCodeableConcept: METHADONE,
    subject: { reference: patientRef },
    context: { reference: episodeRef },
    effectiveDateTime: dose.recordedAt,
    performer: [{ actor: { display: dose.staffUserId } }],
    request: orderRef(dose.orderId),
    dosage: { route: { text: 'oral' }, dose: mg(dose.doseMg) },
  };
}
