// The HAPI FHIR validator behind validateFhir: a methadone treatment bundle of the shape the
// methadone service exports passes with 0 errors, and each kind of mistake is an error that
// names the element. Real JVM, real HAPI FHIR (scripts/setup/hapi-fhir.sh).
import { afterAll, describe, expect, it } from 'vitest';
import { stopFhirValidator, validateFhir, type FhirIssue } from '../src/fhir-validator.ts';

const patientUrl = 'urn:uuid:0190f5a4-0000-7000-8000-000000000001';
const episodeUrl = 'urn:uuid:0190f5a4-0000-7000-8000-000000000002';
const orderUrl = 'urn:uuid:0190f5a4-0000-7000-8000-000000000003';

const methadone = {
  coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '6813' }],
  text: 'Methadone oral solution 10 mg/mL',
};
const dose = (mg: number) => ({
  value: mg,
  unit: 'mg',
  system: 'http://unitsofmeasure.org',
  code: 'mg',
});

function treatmentBundle(): { resourceType: 'Bundle' } & Record<string, unknown> {
  const resources: Record<string, unknown>[] = [
    {
      resourceType: 'Patient',
      // Pseudonymous: an opaque identifier of the platform, no name, no national ID.
      identifier: [{ system: 'urn:rehab:person', value: '0190f5a4-aaaa-7000-8000-000000000009' }],
      gender: 'female',
      birthDate: '1992',
    },
    {
      resourceType: 'EpisodeOfCare',
      status: 'active',
      patient: { reference: patientUrl },
      period: { start: '2026-10-01' },
    },
    {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: methadone,
      subject: { reference: patientUrl },
      supportingInformation: [{ reference: episodeUrl }],
      authoredOn: '2026-10-01',
      dosageInstruction: [
        {
          text: 'Induction, 20 mg once a day, observed',
          timing: { repeat: { boundsPeriod: { start: '2026-10-01', end: '2026-10-14' } } },
          doseAndRate: [{ doseQuantity: dose(20) }],
        },
      ],
    },
    {
      resourceType: 'MedicationAdministration',
      status: 'completed',
      medicationCodeableConcept: methadone,
      subject: { reference: patientUrl },
      context: { reference: episodeUrl },
      request: { reference: orderUrl },
      effectiveDateTime: '2026-10-02T07:15:00+07:00',
      dosage: { dose: dose(20) },
    },
    {
      resourceType: 'MedicationAdministration',
      status: 'not-done',
      statusReason: [{ text: 'Missed dose: the patient did not attend' }],
      medicationCodeableConcept: methadone,
      subject: { reference: patientUrl },
      context: { reference: episodeUrl },
      request: { reference: orderUrl },
      effectiveDateTime: '2026-10-03',
    },
    {
      resourceType: 'MedicationDispense',
      status: 'completed',
      medicationCodeableConcept: methadone,
      subject: { reference: patientUrl },
      context: { reference: episodeUrl },
      authorizingPrescription: [{ reference: orderUrl }],
      quantity: { value: 2, unit: 'bottle' },
      whenHandedOver: '2026-10-04T08:00:00+07:00',
    },
    {
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
      code: { text: 'Opioid urine screen' },
      subject: { reference: patientUrl },
      effectiveDateTime: '2026-10-05',
      valueCodeableConcept: {
        coding: [{ system: 'http://snomed.info/sct', code: '260385009', display: 'Negative' }],
      },
    },
  ];
  const urls = [patientUrl, episodeUrl, orderUrl];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: '2026-10-06T09:00:00+07:00',
    entry: resources.map((resource, i) => ({
      fullUrl: urls[i] ?? `urn:uuid:0190f5a4-0000-7000-8000-00000000001${i}`,
      resource,
    })),
  };
}

type Entry = { resource: Record<string, unknown> };
function withEntry(index: number, change: (resource: Record<string, unknown>) => void) {
  const bundle = treatmentBundle();
  change((bundle.entry as Entry[])[index]!.resource);
  return bundle;
}

const describeIssues = (issues: FhirIssue[]) =>
  issues.map((i) => `${i.location}: ${i.message}`).join('\n');

describe('validateFhir (HAPI FHIR R4 instance validator)', () => {
  afterAll(() => stopFhirValidator());

  it('finds 0 errors in a methadone treatment bundle of every resource type', async () => {
    const result = await validateFhir(treatmentBundle());
    expect(result.errors, describeIssues(result.errors)).toEqual([]);
    // The first call pays for the JVM and the R4 definitions: seconds, more on a busy machine.
  }, 120_000);

  it('validates a bare resource too', async () => {
    const result = await validateFhir({ resourceType: 'Patient', gender: 'female' });
    expect(result.errors).toEqual([]);
  });

  it('names an unknown status code of a MedicationAdministration in the bundle', async () => {
    const result = await validateFhir(
      withEntry(3, (r) => {
        r.status = 'given';
      }),
    );
    expect(result.errors.length).toBeGreaterThan(0);
    expect(
      result.errors.some(
        (e) => /entry\[3\].*status/.test(e.location) && e.message.includes("'given'"),
      ),
      describeIssues(result.errors),
    ).toBe(true);
  });

  it('names a missing required element (MedicationRequest.intent)', async () => {
    const result = await validateFhir(
      withEntry(2, (r) => {
        delete r.intent;
      }),
    );
    expect(
      result.errors.some((e) => /entry\[2\]/.test(e.location) && e.message.includes('intent')),
      describeIssues(result.errors),
    ).toBe(true);
  });

  it('names an element the resource type does not have', async () => {
    const result = await validateFhir({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      dose: 5,
    });
    expect(
      result.errors.some((e) => e.message.includes('dose')),
      describeIssues(result.errors),
    ).toBe(true);
  });

  it('reports a value of the wrong type (a date that is not one)', async () => {
    const result = await validateFhir(
      withEntry(6, (r) => {
        r.effectiveDateTime = '2026-13-45';
      }),
    );
    expect(
      result.errors.some((e) => /entry\[6\].*effective/.test(e.location)),
      describeIssues(result.errors),
    ).toBe(true);
  });

  it('answers many resources from one process, in order, fast once started', async () => {
    const bundles = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? treatmentBundle() : withEntry(1, (r) => (r.status = `bad-${i}`)),
    );
    const started = Date.now();
    const results = await Promise.all(bundles.map((b) => validateFhir(b)));
    const elapsed = Date.now() - started;
    results.forEach((result, i) => {
      if (i % 2 === 0) expect(result.errors).toEqual([]);
      else expect(result.errors.some((e) => e.message.includes(`bad-${i}`))).toBe(true);
    });
    // A bundle of seven resources takes milliseconds, not the JVM's startup seconds.
    expect(elapsed / bundles.length).toBeLessThan(3_000);
  });
});
