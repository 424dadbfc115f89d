import { describe, expect, it } from 'vitest';
import { maintenanceSince, orderInForce, writeOrder, type OrderInput } from './orders.ts';
import type { Patient } from './patient.ts';
import { admittedPatient } from './fixtures.ts';
import { rules } from './test-support.ts';

const limits = rules.orderLimits('2026-03-02');
let seq = 0;
const order = (
  input: Partial<OrderInput> & Pick<OrderInput, 'startsOn' | 'endsOn'>,
): OrderInput => ({
  id: `o${++seq}`,
  phase: 'induction',
  doseMg: 20,
  writtenOn: input.startsOn,
  prescriberUserId: 'dr-an',
  ...input,
});
const write = (patient: Patient, input: OrderInput) => writeOrder(limits, patient, input);
const refusal = (patient: Patient, input: OrderInput) => {
  try {
    write(patient, input);
  } catch (error) {
    const e = error as { code: string; options: { field?: string; legalRef?: string } };
    return { code: e.code, field: e.options.field, legalRef: e.options.legalRef };
  }
  throw new Error('expected a refusal');
};

describe('first induction dose within 15-30 mg (Decision 3140/QĐ-BYT)', () => {
  it('accepts 15 and 30 mg and refuses 14 and 31 mg, naming doseMg', () => {
    const patient = admittedPatient();
    expect(
      write(patient, order({ doseMg: 15, startsOn: '2026-03-02', endsOn: '2026-03-04' })).orders,
    ).toHaveLength(1);
    expect(
      write(patient, order({ doseMg: 30, startsOn: '2026-03-02', endsOn: '2026-03-04' })).orders,
    ).toHaveLength(1);
    expect(
      refusal(patient, order({ doseMg: 14, startsOn: '2026-03-02', endsOn: '2026-03-04' })),
    ).toMatchObject({
      code: 'first-dose-out-of-range',
      field: 'doseMg',
    });
    expect(
      refusal(patient, order({ doseMg: 31, startsOn: '2026-03-02', endsOn: '2026-03-04' }))
        .legalRef,
    ).toMatch(/3140/);
  });

  it('starts treatment with induction, not maintenance', () => {
    expect(
      refusal(
        admittedPatient(),
        order({ phase: 'maintenance', startsOn: '2026-03-02', endsOn: '2026-03-20' }),
      ),
    ).toMatchObject({ code: 'first-order-not-induction', field: 'phase' });
  });
});

describe('induction and titration increments and review (Decision 3140/QĐ-BYT)', () => {
  const started = () =>
    write(admittedPatient(), order({ doseMg: 20, startsOn: '2026-03-02', endsOn: '2026-03-10' }));

  it('refuses an increase on days 1-3 of induction and allows it from day 4', () => {
    expect(
      refusal(started(), order({ doseMg: 25, startsOn: '2026-03-04', endsOn: '2026-03-10' })),
    ).toMatchObject({
      code: 'increase-too-early',
      field: 'startsOn',
    });
    expect(
      write(started(), order({ doseMg: 25, startsOn: '2026-03-05', endsOn: '2026-03-10' })).orders,
    ).toHaveLength(2);
  });

  it('refuses an induction increase of more than 10 mg', () => {
    expect(
      refusal(started(), order({ doseMg: 31, startsOn: '2026-03-05', endsOn: '2026-03-10' })).code,
    ).toBe('increment-too-large');
  });

  it('reviews a titration dose at least 3 and at most 5 days apart, in steps of at most 10 mg', () => {
    const titrating = write(
      started(),
      order({ phase: 'titration', doseMg: 30, startsOn: '2026-03-05', endsOn: '2026-03-09' }),
    );
    expect(
      refusal(
        titrating,
        order({ phase: 'titration', doseMg: 35, startsOn: '2026-03-07', endsOn: '2026-03-11' }),
      ).code,
    ).toBe('review-too-soon');
    expect(
      refusal(
        titrating,
        order({ phase: 'titration', doseMg: 35, startsOn: '2026-03-08', endsOn: '2026-03-13' }),
      ),
    ).toMatchObject({ code: 'order-too-long', field: 'endsOn' });
    expect(
      refusal(
        titrating,
        order({ phase: 'titration', doseMg: 45, startsOn: '2026-03-08', endsOn: '2026-03-12' }),
      ).code,
    ).toBe('increment-too-large');
    expect(
      write(
        titrating,
        order({ phase: 'titration', doseMg: 40, startsOn: '2026-03-08', endsOn: '2026-03-12' }),
      ).orders,
    ).toHaveLength(3);
  });
});

describe('a maintenance order covers at most 30 days (Circular 26/2023/TT-BYT Art. 5(1)(a))', () => {
  const inMaintenance = () =>
    write(admittedPatient(), order({ doseMg: 20, startsOn: '2026-03-02', endsOn: '2026-03-10' }));

  it('accepts 30 days (2026-03-05 to 2026-04-03) and refuses 31', () => {
    expect(
      write(
        inMaintenance(),
        order({ phase: 'maintenance', doseMg: 20, startsOn: '2026-03-05', endsOn: '2026-04-03' }),
      ).orders,
    ).toHaveLength(2);
    const refused = refusal(
      inMaintenance(),
      order({ phase: 'maintenance', doseMg: 20, startsOn: '2026-03-05', endsOn: '2026-04-04' }),
    );
    expect(refused).toMatchObject({ code: 'order-too-long', field: 'endsOn' });
    expect(refused.legalRef).toMatch(/Circular 26\/2023\/TT-BYT Art\. 5\(1\)\(a\)/);
  });

  it('refuses an order starting before today: history is never rewritten', () => {
    expect(
      refusal(
        inMaintenance(),
        order({ startsOn: '2026-03-01', endsOn: '2026-03-10', writtenOn: '2026-03-03' }),
      ).code,
    ).toBe('order-in-past');
    expect(
      refusal(inMaintenance(), order({ startsOn: '2026-03-10', endsOn: '2026-03-09' })).code,
    ).toBe('date-out-of-order');
  });
});

describe('a transcribed order may start in the past, never on a day already dosed or judged', () => {
  it('accepts a start on or after the first open day and refuses one before it', () => {
    const past = order({ startsOn: '2026-02-20', endsOn: '2026-02-25', writtenOn: '2026-03-02' });
    expect(write(admittedPatient(), { ...past, earliestStart: '2026-02-20' }).orders).toHaveLength(
      1,
    );
    expect(refusal(admittedPatient(), { ...past, earliestStart: '2026-02-21' })).toMatchObject({
      code: 'order-in-past',
      field: 'startsOn',
    });
  });
});

describe('taper: after 1 year of maintenance, at most 10% per step, steps 2 weeks apart (Decision 3140/QĐ-BYT)', () => {
  const maintained = () => {
    let patient = write(
      admittedPatient(),
      order({ doseMg: 20, startsOn: '2025-01-06', endsOn: '2025-01-10' }),
    );
    patient = write(
      patient,
      order({ phase: 'maintenance', doseMg: 20, startsOn: '2025-01-10', endsOn: '2025-02-08' }),
    );
    return write(
      patient,
      order({ phase: 'maintenance', doseMg: 60, startsOn: '2026-01-20', endsOn: '2026-02-18' }),
    );
  };

  it('counts maintenance from its first order', () => {
    expect(maintenanceSince(maintained().orders)).toBe('2025-01-10');
  });

  it('refuses a taper before a year of maintenance and allows it from the anniversary', () => {
    const early = write(
      admittedPatient(),
      order({ doseMg: 20, startsOn: '2025-06-02', endsOn: '2025-06-05' }),
    );
    const maint = write(
      early,
      order({ phase: 'maintenance', doseMg: 60, startsOn: '2025-06-05', endsOn: '2025-07-04' }),
    );
    expect(
      refusal(
        maint,
        order({ phase: 'taper', doseMg: 55, startsOn: '2025-07-01', endsOn: '2025-07-20' }),
      ).code,
    ).toBe('taper-too-early');
    expect(
      write(
        maintained(),
        order({ phase: 'taper', doseMg: 54, startsOn: '2026-02-01', endsOn: '2026-02-14' }),
      ).orders,
    ).toHaveLength(4);
  });

  it('refuses a cut of more than 10% and a taper that does not lower the dose', () => {
    expect(
      refusal(
        maintained(),
        order({ phase: 'taper', doseMg: 53, startsOn: '2026-02-01', endsOn: '2026-02-14' }),
      ).code,
    ).toBe('taper-cut-too-large');
    expect(
      refusal(
        maintained(),
        order({ phase: 'taper', doseMg: 60, startsOn: '2026-02-01', endsOn: '2026-02-14' }),
      ).code,
    ).toBe('taper-not-a-cut');
  });

  it('keeps taper steps at least 2 weeks apart', () => {
    const tapering = write(
      maintained(),
      order({ phase: 'taper', doseMg: 54, startsOn: '2026-02-01', endsOn: '2026-02-28' }),
    );
    expect(
      refusal(
        tapering,
        order({ phase: 'taper', doseMg: 49, startsOn: '2026-02-14', endsOn: '2026-02-28' }),
      ).code,
    ).toBe('taper-step-too-soon');
    expect(
      write(
        tapering,
        order({ phase: 'taper', doseMg: 49, startsOn: '2026-02-15', endsOn: '2026-02-28' }),
      ).orders,
    ).toHaveLength(5);
  });
});

describe('the order chain: a new order supersedes the rest of the previous one from its start', () => {
  it('keeps the old order whole and marks it superseded from the new start date', () => {
    let patient = write(
      admittedPatient(),
      order({ id: 'first', doseMg: 20, startsOn: '2026-03-02', endsOn: '2026-03-10' }),
    );
    patient = write(
      patient,
      order({ id: 'second', doseMg: 25, startsOn: '2026-03-06', endsOn: '2026-03-12' }),
    );
    const [first, second] = patient.orders;
    expect(first).toMatchObject({
      id: 'first',
      endsOn: '2026-03-10',
      supersededFrom: '2026-03-06',
      supersededBy: 'second',
    });
    expect(orderInForce(patient.orders, '2026-03-05')?.id).toBe('first');
    expect(orderInForce(patient.orders, '2026-03-06')?.id).toBe('second');
    expect(orderInForce(patient.orders, '2026-03-13')).toBeUndefined();
    expect(second?.supersededFrom).toBeUndefined();
  });

  it('supersedes a future order entirely when the new one starts before it', () => {
    let patient = write(
      admittedPatient(),
      order({ id: 'a', doseMg: 20, startsOn: '2026-03-02', endsOn: '2026-03-04' }),
    );
    patient = write(
      patient,
      order({
        id: 'b',
        doseMg: 20,
        startsOn: '2026-03-05',
        endsOn: '2026-03-09',
        writtenOn: '2026-03-02',
      }),
    );
    patient = write(
      patient,
      order({
        id: 'c',
        doseMg: 20,
        startsOn: '2026-03-04',
        endsOn: '2026-03-09',
        writtenOn: '2026-03-03',
      }),
    );
    expect(patient.orders.find((o) => o.id === 'b')?.supersededFrom).toBe('2026-03-05');
    expect(orderInForce(patient.orders, '2026-03-07')?.id).toBe('c');
  });
});
