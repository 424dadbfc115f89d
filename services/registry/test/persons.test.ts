import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalId, personBody, startRegistry, type RegistryUnderTest } from './support.ts';

let registry: RegistryUnderTest;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.stop();
});

const api = () => request(registry.service.app);
const countPersons = () =>
  registry.service.deps.persons
    .search({ nameWords: [], limit: 10_000 })
    .then((rows) => rows.length);

describe('POST /registry/v1/persons', () => {
  it('registers a person with 201, an id and an ETag, keeping Vietnamese diacritics', async () => {
    const body = personBody({ fullName: 'Trần Thị Ngọc Ánh', nationalId: nationalId() });
    const res = await api().post('/registry/v1/persons').set(registry.bearer()).send(body);
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.fullName).toBe('Trần Thị Ngọc Ánh');
    expect(res.body.residence.address).toBe('Số 12, đường Lê Lợi');
    expect(res.body.nationalId).toBe(body.nationalId);
    const read = await api().get(`/registry/v1/persons/${res.body.id}`).set(registry.bearer());
    expect(read.body.fullName).toBe('Trần Thị Ngọc Ánh');
  });

  it('refuses a name with NUL, a control character or a bidi override (400 naming fullName) and writes nothing; stores a decomposed name as NFC', async () => {
    const before = await countPersons();
    for (const fullName of ['Lê Văn\u0000 Tám', 'Lê Văn\u0007 Tám', 'Lê \u202eVăn Tám']) {
      const res = await api()
        .post('/registry/v1/persons')
        .set(registry.bearer())
        .send(personBody({ fullName }));
      expect(res.status, JSON.stringify(fullName)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['fullName']);
    }
    expect(await countPersons()).toBe(before);
    const decomposed = 'Lê Văn Tám'.normalize('NFD');
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ fullName: decomposed }));
    expect(created.status).toBe(201);
    expect(created.body.fullName).toBe('Lê Văn Tám'.normalize('NFC'));
  });

  it('answers 409 naming the existing person when the national ID is already registered', async () => {
    const id = nationalId();
    const first = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ nationalId: id }));
    const second = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ nationalId: id, fullName: 'Lê Văn Bình' }));
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.body.code).toBe('duplicate-national-id');
    expect(second.body.existingId).toBe(first.body.id);
  });

  it('lists likely duplicates (same name ignoring diacritics and case, same birth date) on 201', async () => {
    const first = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ fullName: 'Phạm Đức Hải', dateOfBirth: '1990-01-02' }));
    const second = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ fullName: 'pham duc hai', dateOfBirth: '1990-01-02' }));
    expect(second.status).toBe(201);
    expect(second.body.possibleDuplicates.map((p: { id: string }) => p.id)).toContain(
      first.body.id,
    );
  });

  it.each([
    [{ nationalId: '12345' }, 'nationalId', 400],
    [{ dateOfBirth: '1995-02-30' }, 'dateOfBirth', 400],
    [{ sex: 'x' }, 'sex', 400],
    [{ residence: { unitCode: '99001' } }, 'residence.address', 400],
    [{ fullName: '' }, 'fullName', 400],
    [{ residence: { unitCode: '12345', address: 'x' } }, 'residence.unitCode', 422],
    [{ dateOfBirth: '2999-01-01' }, 'dateOfBirth', 422],
  ])(
    'refuses %j with a problem naming the field and writes nothing',
    async (override, field, status) => {
      const before = await countPersons();
      const res = await api()
        .post('/registry/v1/persons')
        .set(registry.bearer())
        .send(personBody(override));
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await countPersons()).toBe(before);
    },
  );

  it('answers in Vietnamese when asked (Accept-Language: vi)', async () => {
    const res = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .set('Accept-Language', 'vi')
      .send(personBody({ nationalId: 'abc' }));
    expect(res.status).toBe(400);
    expect(res.body.title).toContain('Yêu cầu không hợp lệ');
  });

  it('leaves nothing behind when the write of a registration fails, so its retry with the same Idempotency-Key registers once', async () => {
    const before = await countPersons();
    const body = personBody({ nationalId: nationalId() });
    const key = `key-failing-${Date.now()}`;
    const persons = registry.service.deps.persons;
    const insert = persons.insert;
    // The database refuses the person's write once (after the national ID was claimed).
    persons.insert = async () => {
      persons.insert = insert;
      throw new Error('connection reset while writing the person');
    };
    const failed = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .set('Idempotency-Key', key)
      .send(body);
    expect(failed.status).toBe(500);
    expect(await countPersons()).toBe(before);
    const retry = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .set('Idempotency-Key', key)
      .send(body);
    expect(retry.status).toBe(201);
    expect(retry.body.nationalId).toBe(body.nationalId);
    const again = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .set('Idempotency-Key', key)
      .send(body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(retry.body.id);
    expect(await countPersons()).toBe(before + 1);
  });

  it('creates one person for a replayed Idempotency-Key and refuses the key with another body (422)', async () => {
    const before = await countPersons();
    const body = personBody({ nationalId: nationalId() });
    const key = `key-${Date.now()}`;
    const [a, b] = await Promise.all([
      api()
        .post('/registry/v1/persons')
        .set(registry.bearer())
        .set('Idempotency-Key', key)
        .send(body),
      api()
        .post('/registry/v1/persons')
        .set(registry.bearer())
        .set('Idempotency-Key', key)
        .send(body),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    const replay = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .set('Idempotency-Key', key)
      .send(body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(a.status === 201 ? a.body.id : b.body.id);
    expect(await countPersons()).toBe(before + 1);
    const misuse = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .set('Idempotency-Key', key)
      .send({ ...body, fullName: 'Khác Tên' });
    expect(misuse.status).toBe(422);
    expect(misuse.body.code).toBe('idempotency-key-reused');
  });
});

describe('access control', () => {
  it('answers 401 without a token and 403 with the reason for another agency', async () => {
    expect((await api().post('/registry/v1/persons').send(personBody())).status).toBe(401);
    const health = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer({ agency: 'health', roles: ['doctor'] }))
      .send(personBody());
    expect(health.status).toBe(403);
    expect(health.body.code).toBe('operation-not-allowed');
    expect(health.body.detail).toContain('health');
  });

  it('lets a commune officer act only on persons of that commune', async () => {
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ residence: { unitCode: '99002', address: 'Thôn 3' } }));
    const own = await api()
      .get(`/registry/v1/persons/${created.body.id}`)
      .set(registry.bearer({ orgUnit: '99002' }));
    expect(own.status).toBe(200);
    const other = await api()
      .get(`/registry/v1/persons/${created.body.id}`)
      .set(registry.bearer({ orgUnit: '99001' }));
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('outside-jurisdiction');
    const register = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer({ orgUnit: '99001' }))
      .send(personBody({ residence: { unitCode: '99003', address: 'x' } }));
    expect(register.status).toBe(403);
  });

  it('refuses a token signed by another key', async () => {
    const res = await api()
      .get('/registry/v1/persons')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token-invalid');
  });
});

describe('reading, updating and searching', () => {
  it('writes every read to the audit trail, readable by IT auditors only', async () => {
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody());
    await api()
      .get(`/registry/v1/persons/${created.body.id}`)
      .set(registry.bearer({ sub: 'reader-7' }))
      .set('X-Purpose', 'case review');
    const audit = await api()
      .get(`/registry/v1/audit?personId=${created.body.id}`)
      .set(registry.bearer({ agency: 'it', roles: ['auditor'], orgUnit: '99' }));
    expect(audit.status).toBe(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'read',
          purpose: 'case review',
          actor: expect.objectContaining({ sub: 'reader-7' }),
        }),
      ]),
    );
    const denied = await api()
      .get(`/registry/v1/audit?personId=${created.body.id}`)
      .set(registry.bearer());
    expect(denied.status).toBe(403);
  });

  it('audits each person a search returns, and nobody it does not', async () => {
    const unit = '99005';
    const found = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ fullName: 'Quách Thị Tìm', residence: { unitCode: unit, address: 'x' } }));
    const other = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ fullName: 'Lò Văn Khác', residence: { unitCode: unit, address: 'x' } }));
    const search = await api()
      .get(`/registry/v1/persons?q=quach thi tim&unitCode=${unit}`)
      .set(registry.bearer({ sub: 'searcher-3' }));
    expect(search.body.items.map((p: { id: string }) => p.id)).toEqual([found.body.id]);
    const auditor = registry.bearer({ agency: 'it', roles: ['auditor'], orgUnit: '99' });
    const trailOf = async (id: string) =>
      (await api().get(`/registry/v1/audit?personId=${id}`).set(auditor)).body.items as {
        operation: string;
        actor: { sub: string };
      }[];
    expect(await trailOf(found.body.id)).toEqual([
      expect.objectContaining({
        operation: 'person.search',
        actor: expect.objectContaining({ sub: 'searcher-3' }),
      }),
    ]);
    expect(await trailOf(other.body.id)).toEqual([]);
  });

  it('updates with If-Match: 428 without it, 412 when stale, 200 with a new ETag', async () => {
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody());
    const path = `/registry/v1/persons/${created.body.id}`;
    expect((await api().patch(path).set(registry.bearer()).send({ ethnicity: 'Tày' })).status).toBe(
      428,
    );
    const ok = await api()
      .patch(path)
      .set(registry.bearer())
      .set('If-Match', '"1"')
      .send({ ethnicity: 'Tày' });
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body.ethnicity).toBe('Tày');
    const stale = await api()
      .patch(path)
      .set(registry.bearer())
      .set('If-Match', '"1"')
      .send({ ethnicity: 'Thái' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('stale-version');
    expect((await api().get(path).set(registry.bearer())).body.ethnicity).toBe('Tày');
  });

  it('answers 412 to an If-Match that is a well-formed ETag but not one of ours, 400 to a malformed one (RFC 9110)', async () => {
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody());
    const path = `/registry/v1/persons/${created.body.id}`;
    const patch = (ifMatch: string) =>
      api()
        .patch(path)
        .set(registry.bearer())
        .set('If-Match', ifMatch)
        .send({ ethnicity: 'Mường' });
    for (const unknown of ['"stale-0"', 'W/"1"']) {
      const res = await patch(unknown);
      expect(res.status, unknown).toBe(412);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('if-match-failed');
    }
    const malformed = await patch('stale-0');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('if-match-malformed');
    const read = await api().get(path).set(registry.bearer());
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.ethnicity).not.toBe('Mường');
  });

  it('finds "nguyen van a" in "Nguyễn Văn Ánh", paginated with a cursor', async () => {
    const unit = '99004';
    for (let i = 0; i < 3; i++) {
      await api()
        .post('/registry/v1/persons')
        .set(registry.bearer())
        .send(
          personBody({
            fullName: `Nguyễn Văn Ánh ${i}`,
            residence: { unitCode: unit, address: 'x' },
          }),
        );
    }
    const page1 = await api()
      .get(`/registry/v1/persons?q=nguyen%20van%20a&unitCode=${unit}&limit=2`)
      .set(registry.bearer());
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].fullName).toMatch(/^Nguyễn Văn Ánh/);
    const page2 = await api()
      .get(
        `/registry/v1/persons?q=nguyen%20van%20a&unitCode=${unit}&limit=2&cursor=${page1.body.nextCursor}`,
      )
      .set(registry.bearer());
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeUndefined();
  });

  it('lists administrative units with validity dates', async () => {
    const res = await api()
      .get('/registry/v1/units?level=commune&parent=99')
      .set(registry.bearer());
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(6);
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({ level: 'commune', parent: '99', validFrom: expect.any(String) }),
    );
  });

  it('serves the OpenAPI 3.1 document generated from the request schemas', async () => {
    const res = await request(registry.service.app).get('/registry/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    const post = res.body.paths['/registry/v1/persons'].post;
    expect(post.requestBody.content['application/json'].schema.properties.nationalId.pattern).toBe(
      '^\\d{12}$',
    );
    expect(res.body.paths['/registry/v1/persons/{id}/drug-use-detections']).toBeDefined();
  });
});
