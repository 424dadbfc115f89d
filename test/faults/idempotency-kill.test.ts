// A registry killed (SIGKILL) in the middle of a request with an Idempotency-Key: between
// the key's claim and the write, and between the write and the response. The client retries
// with the same key, as a client on a poor link does: while the dead attempt's lease runs it
// hears "in progress, retry in N s"; after it, the retry takes over, and the request takes
// effect exactly once, whichever side of the write the process died on.
import { addDays, todayIn } from '@rehab/domain-kit';
import { createTestIdentityProvider } from '@rehab/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { personBody, nationalId, policeOfficer } from '../../services/registry/test/support.ts';
import {
  registryInstallation,
  startRegistryProcess,
  type RegistryInstallation,
  type RegistryProcess,
} from './registry-process.ts';

const idp = createTestIdentityProvider();
const headers = (key?: string) => ({
  Authorization: `Bearer ${idp.issue(policeOfficer)}`,
  'Content-Type': 'application/json',
  ...(key ? { 'Idempotency-Key': key } : {}),
});
const running: RegistryProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((registry) => registry.stop()));
});
const start = async (installation: RegistryInstallation, faultPoints: string[] = []) => {
  const registry = await startRegistryProcess(installation, faultPoints);
  running.push(registry);
  return registry;
};

const post = (registry: RegistryProcess, path: string, body: unknown, key?: string) =>
  fetch(`${registry.url}/registry/v1${path}`, {
    method: 'POST',
    headers: headers(key),
    body: JSON.stringify(body),
  });

/**
 * Sends until the answer is neither "in progress" nor "being changed, retry shortly" (a
 * document lock the dead process held until its lease ran out): what a client with backoff
 * does with the two 409s that say to retry.
 */
const RETRY_LATER = new Set(['idempotency-in-progress', 'write-conflict']);
async function retryUntilDone(send: () => Promise<Response>) {
  const refusals: string[] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    const res = await send();
    const body = (await res.json()) as Record<string, unknown>;
    if (!(res.status === 409 && RETRY_LATER.has(String(body.code))))
      return { status: res.status, body, refusals };
    refusals.push(String(body.detail ?? body.title));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('still in progress after 40 retries');
}

const absences = (person: Record<string, unknown>) =>
  (person.timeline as { kind: string }[]).filter((entry) => entry.kind.includes('absence'));

describe.each(['idempotency-claimed', 'idempotency-written'] as const)(
  'a registry killed at %s',
  (faultPoint) => {
    it('records a movement exactly once when the client retries with its key', async () => {
      const installation = registryInstallation(idp.publicKeyFile);
      const healthy = await start(installation);
      const created = await post(healthy, '/persons', personBody());
      const personId = ((await created.json()) as { id: string }).id;
      await healthy.stop();

      const doomed = await start(installation, [faultPoint]);
      const movement = { kind: 'absence', effectiveOn: addDays(todayIn(), -1) };
      const key = `movement-${personId}`;
      await expect(post(doomed, `/persons/${personId}/movements`, movement, key)).rejects.toThrow();
      expect(await doomed.exited).toBe('SIGKILL');

      const revived = await start(installation);
      const retried = await retryUntilDone(() =>
        post(revived, `/persons/${personId}/movements`, movement, key),
      );
      expect(retried.status).toBe(201);
      expect(absences(retried.body)).toHaveLength(1);
      expect(retried.refusals.every((detail) => /retry in \d+ s|retry shortly/.test(detail))).toBe(
        true,
      );

      const again = await post(revived, `/persons/${personId}/movements`, movement, key);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const stored = await fetch(`${revived.url}/registry/v1/persons/${personId}`, {
        headers: headers(),
      }).then((res) => res.json() as Promise<Record<string, unknown>>);
      expect(absences(stored)).toHaveLength(1);
    });

    it('registers a person with a national ID exactly once when the client retries', async () => {
      const installation = registryInstallation(idp.publicKeyFile);
      const doomed = await start(installation, [faultPoint]);
      const body = personBody({ nationalId: nationalId() });
      const key = `register-${String(body.nationalId)}`;
      await expect(post(doomed, '/persons', body, key)).rejects.toThrow();
      expect(await doomed.exited).toBe('SIGKILL');

      const revived = await start(installation);
      const retried = await retryUntilDone(() => post(revived, '/persons', body, key));
      expect(retried.status).toBe(201);
      const personId = retried.body.id as string;

      // The number is held by that one person: anyone else registering it hears so.
      const other = await post(revived, '/persons', personBody({ nationalId: body.nationalId }));
      expect(other.status).toBe(409);
      expect(((await other.json()) as { existingId?: string }).existingId).toBe(personId);
      const found = await fetch(
        `${revived.url}/registry/v1/persons?q=${encodeURIComponent(String(body.fullName))}&unitCode=99001`,
        { headers: headers() },
      ).then((res) => res.json() as Promise<{ items: { id: string }[] }>);
      expect(found.items.map((item) => item.id)).toEqual([personId]);
    });
  },
);

describe('a registry killed from outside under load', () => {
  it('records each of 40 concurrent movements exactly once after the clients retry', async () => {
    const installation = registryInstallation(idp.publicKeyFile);
    const healthy = await start(installation);
    const personIds = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const res = await post(healthy, '/persons', personBody());
        return ((await res.json()) as { id: string }).id;
      }),
    );
    await healthy.stop();

    const doomed = await start(installation);
    const movement = { kind: 'absence', effectiveOn: addDays(todayIn(), -1) };
    const send = (registry: RegistryProcess, personId: string) =>
      post(registry, `/persons/${personId}/movements`, movement, `load-${personId}`);
    const inFlight = personIds.map((personId) => send(doomed, personId).catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await doomed.kill();
    await Promise.all(inFlight);

    const revived = await start(installation);
    const outcomes = await Promise.all(
      personIds.map((personId) => retryUntilDone(() => send(revived, personId))),
    );
    // On failure, what the revived registry logged says why.
    expect(
      outcomes.map((outcome) => outcome.status),
      revived.output(),
    ).toEqual(personIds.map(() => 201));
    for (const outcome of outcomes) expect(absences(outcome.body)).toHaveLength(1);
  });
});
