// Persons the scenarios work on, registered in the registry by the police; the other
// services learn them from the registry's events.
import { registerPersonBody } from '../../../libs/testing/src/payloads/registry.ts';
import { field, postJson } from './http.ts';

/** Registers a person (police token) from a payload seed; their id, or undefined. */
export function registerPerson(
  police: string,
  seed: number,
  endpoint = 'setup',
): string | undefined {
  const res = postJson('/registry/v1/persons', registerPersonBody(seed), {
    token: police,
    endpoint,
    expected: [201],
  });
  const id = field(res, 'id');
  return typeof id === 'string' ? id : undefined;
}
