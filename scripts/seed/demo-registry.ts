// The registry part of the demo: the persons and what the police record about them, or,
// when the registry already has persons, the ids of the planned persons it holds.
import type { Gateway } from './demo-http.ts';
import { stageWeights, type PlannedPerson, type Stage } from './demo-people.ts';
import { eachLimited } from '../../libs/events/src/each-limited.ts';

const api = '/registry/v1';

export interface RegistryResult {
  /** Registry ids by plan index. */
  ids: Map<number, string>;
  /** Persons registered by this run (0 when the registry had persons already). */
  seeded: number;
  summary: string;
  failures: string[];
}

/** Registers the planned persons unless the registry already has persons. */
export async function seedRegistry(
  gw: Gateway,
  token: string,
  people: readonly PlannedPerson[],
  options: { seed: number; concurrency: number },
): Promise<RegistryResult> {
  const existing = await gw.get<{ items: unknown[] }>(token, `${api}/persons?limit=1`);
  if (existing.items.length > 0) {
    const ids = await findPlannedPersons(gw, token, people);
    return {
      ids,
      seeded: 0,
      summary: `persons: skipped, the registry already has persons (${ids.size} of this seed's found)`,
      failures: [],
    };
  }
  const ids = new Map<number, string>();
  const done = new Map<Stage, number>();
  const failures: string[] = [];
  await eachLimited(people, options.concurrency, async (person) => {
    const prefix = `seed-demo-${options.seed}-${person.index}`;
    try {
      const { id } = await gw.post<{ id: string }>(
        token,
        `${api}/persons`,
        person.register,
        `${prefix}-register`,
      );
      ids.set(person.index, id);
      for (const step of person.steps) {
        await gw.post(
          token,
          `${api}/persons/${id}/${step.path}`,
          step.body,
          `${prefix}-${step.name}`,
        );
      }
      done.set(person.stage, (done.get(person.stage) ?? 0) + 1);
    } catch (error) {
      failures.push(`person #${person.index} (${person.stage}): ${(error as Error).message}`);
    }
  });
  const stages = stageWeights
    .map(([stage]) => [stage, done.get(stage) ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => `${n} ${stage}`)
    .join(', ');
  const seeded = [...done.values()].reduce((a, b) => a + b, 0);
  return {
    ids,
    seeded,
    summary: `persons: ${seeded}/${people.length} (${stages})`,
    failures,
  };
}

interface PersonSummary {
  id: string;
  fullName: string;
  dateOfBirth: string;
}

/** The planned persons the registry holds, matched by name and birth date. */
async function findPlannedPersons(
  gw: Gateway,
  token: string,
  people: readonly PlannedPerson[],
): Promise<Map<number, string>> {
  const byIdentity = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await gw.get<{ items: PersonSummary[]; nextCursor?: string }>(
      token,
      `${api}/persons?unitCode=99&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of page.items) byIdentity.set(`${item.fullName}|${item.dateOfBirth}`, item.id);
    cursor = page.nextCursor;
  } while (cursor);
  const ids = new Map<number, string>();
  for (const person of people) {
    const id = byIdentity.get(`${person.register.fullName}|${person.register.dateOfBirth}`);
    if (id) ids.set(person.index, id);
  }
  return ids;
}
