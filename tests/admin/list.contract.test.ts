// The ra-data-simple-rest contract of the admin list routes, against the real Postgres: ranges,
// totals, each filter, sorting, and 400s that name the bad parameter.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCustomer, seedUser } from '../support/subjects';
import { ADMIN, AUDITOR, useApp } from '../support/harness';
import { q } from '../support/http';
import { writeProjection, type LifecycleProjectionInput } from '../../lifecycles/shared/projectionStore';
import { uniqueId } from '../../testkit/ids';

const api = useApp();

/** Projection rows written directly: the list's contract needs many rows, not many workflows. */
async function seedRows(n: number, make: (i: number) => Partial<LifecycleProjectionInput>): Promise<string> {
  const tag = uniqueId('list');
  for (let i = 0; i < n; i++) {
    await writeProjection(api.db, {
      workflowId: `user-lifecycle-${tag}-${String(i).padStart(3, '0')}`,
      runId: null,
      kind: 'user',
      subjectId: `${tag}-${String(i).padStart(3, '0')}`,
      customerId: tag,
      phase: 'QUARANTINED',
      status: 'running',
      dueAt: new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString(),
      onHold: false,
      policyVersion: 'nitd-2026.1',
      version: 1,
      ...make(i),
    });
  }
  return tag;
}
let tag: string;

beforeAll(async () => {
  // 30 rows due one day apart from 2030-01-01; every 3rd on hold, every 5th completed, one customer kind.
  tag = await seedRows(30, (i) => ({
    onHold: i % 3 === 0,
    status: i % 5 === 0 ? 'completed' : 'running',
    kind: i === 7 ? 'customer' : 'user',
    phase: i === 7 ? 'ENDED' : i % 5 === 0 ? 'PURGED' : 'QUARANTINED',
  }));
});

const list = (params: Record<string, unknown>, who = ADMIN) =>
  request(api.app)
    .get(`/api/admin/lifecycles?${q(params)}`)
    .set(who);
const ids = (body: { subjectId: string }[]) => body.map((r) => Number(r.subjectId.slice(-3)));

describe('GET /api/admin/lifecycles', () => {
  it('answers a bare array with Content-Range and exposes the header', async () => {
    const res = await list({ filter: { customerId: tag }, range: [0, 24], sort: ['dueAt', 'ASC'] }).expect(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body).toHaveLength(25);
    expect(res.headers['content-range']).toBe('lifecycles 0-24/30');
    expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/);
    expect(res.body[0]).toMatchObject({
      id: `user-lifecycle-${tag}-000`,
      kind: 'user',
      phase: 'PURGED',
      status: 'completed',
      onHold: true,
    });
    expect(res.body[0]).not.toHaveProperty('version');
  });

  it('pages to the last partial page and past the end', async () => {
    const last = await list({ filter: { customerId: tag }, range: [25, 49], sort: ['dueAt', 'ASC'] }).expect(200);
    expect(ids(last.body)).toEqual([25, 26, 27, 28, 29]);
    expect(last.headers['content-range']).toBe('lifecycles 25-29/30');
    const past = await list({ filter: { customerId: tag }, range: [30, 39] }).expect(200);
    expect(past.body).toEqual([]);
    expect(past.headers['content-range']).toBe('lifecycles */30');
    const one = await list({ filter: { customerId: tag }, range: [3, 3], sort: ['dueAt', 'ASC'] }).expect(200);
    expect(ids(one.body)).toEqual([3]);
    expect(one.headers['content-range']).toBe('lifecycles 3-3/30');
  });

  it('sorts by due date both ways', async () => {
    const asc = await list({ filter: { customerId: tag }, range: [0, 2], sort: ['dueAt', 'ASC'] });
    const desc = await list({ filter: { customerId: tag }, range: [0, 2], sort: ['dueAt', 'DESC'] });
    expect(ids(asc.body)).toEqual([0, 1, 2]);
    expect(ids(desc.body)).toEqual([29, 28, 27]);
  });

  it.each([
    ['kind', { kind: 'customer' }, [7]],
    ['phase', { phase: 'PURGED' }, [0, 5, 10, 15, 20, 25]],
    ['status', { status: 'completed' }, [0, 5, 10, 15, 20, 25]],
    ['onHold', { onHold: true, status: 'running' }, [3, 6, 9, 12, 18, 21, 24, 27]],
    ['due range', { dueAt_gte: '2030-01-03', dueAt_lte: '2030-01-05T00:00:00Z' }, [2, 3, 4]],
    ['subjectId', { subjectId: 'x' }, []],
    ['id list (getMany)', { id: ['a', 'b'] }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    const res = await list({ filter: { customerId: tag, ...filter }, range: [0, 49], sort: ['dueAt', 'ASC'] }).expect(200);
    expect(ids(res.body)).toEqual(expected);
    expect(res.headers['content-range']).toMatch(new RegExp(`/${expected.length}$`));
  });

  it('filters by part of the subject ID in any case, and by ID list', async () => {
    const byQ = await list({ filter: { q: `${tag}-01` }, range: [0, 49], sort: ['dueAt', 'ASC'] }).expect(200);
    expect(ids(byQ.body)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    // Anywhere in the ID, not only its start, and whatever the case.
    const inside = await list({ filter: { q: `${tag.slice(2).toUpperCase()}-01` }, range: [0, 49], sort: ['dueAt', 'ASC'] }).expect(200);
    expect(ids(inside.body)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const byIds = await list({ filter: { id: [`user-lifecycle-${tag}-004`, `user-lifecycle-${tag}-002`] }, sort: ['dueAt', 'ASC'] }).expect(
      200,
    );
    expect(ids(byIds.body)).toEqual([2, 4]);
  });

  it.each([
    ['an unknown sort field', { sort: ['name', 'ASC'] }, 'sort'],
    ['a bad sort order', { sort: ['dueAt', 'UP'] }, 'sort.1'],
    ['a reversed range', { range: [10, 5] }, 'range'],
    ['a page over the limit', { range: [0, 10_000] }, 'range'],
    ['an unknown filter', { filter: { name: 'Ola' } }, 'filter'],
    ['a bad status', { filter: { status: 'sleeping' } }, 'filter.status'],
    ['a bad date', { filter: { dueAt_gte: 'tomorrow' } }, 'filter.dueAt_gte'],
  ])('answers 400 naming the parameter for %s', async (_name, params, field) => {
    const res = await list(params).expect(400);
    expect(res.body.fields[0].field).toBe(field);
  });

  it('answers 400 for a parameter that is not JSON', async () => {
    const res = await request(api.app).get('/api/admin/lifecycles?sort=dueAt').set(ADMIN).expect(400);
    expect(res.body.fields).toEqual([{ field: 'sort', message: 'is not valid JSON' }]);
  });
});

describe('unknown records', () => {
  it.each(['lifecycles', 'users', 'customers', 'support-cases', 'evidence'])('GET /api/admin/%s/:id answers 404', async (resource) => {
    const res = await request(api.app).get(`/api/admin/${resource}/no-such-${resource}`).set(AUDITOR).expect(404);
    expect(res.body.error).toMatch(/not found/);
  });
});

describe('subjects', () => {
  it('shows personal fields to admins and only IDs and status to auditors, in list and record', async () => {
    const customerId = await seedCustomer(api.db);
    const u = await seedUser(api.db, customerId);
    const params = q({ filter: { customerId }, range: [0, 9] });
    const asAdmin = await request(api.app).get(`/api/admin/users?${params}`).set(ADMIN).expect(200);
    expect(asAdmin.body).toEqual([
      expect.objectContaining({ id: u.userId, status: 'active', email: u.personal.email, phone: u.personal.phone }),
    ]);
    expect(asAdmin.headers['content-range']).toBe('users 0-0/1');
    const asAuditor = await request(api.app).get(`/api/admin/users?${params}`).set(AUDITOR).expect(200);
    const one = await request(api.app).get(`/api/admin/users/${u.userId}`).set(AUDITOR).expect(200);
    const customer = await request(api.app).get(`/api/admin/customers/${customerId}`).set(AUDITOR).expect(200);
    for (const body of [asAuditor.body, one.body, customer.body]) {
      const text = JSON.stringify(body);
      for (const value of [...Object.values(u.personal)]) expect(text).not.toContain(value);
      expect(text).not.toMatch(/"(email|phone|firstName|lastName|username|name|address)"/);
    }
    expect(one.body).toMatchObject({ id: u.userId, status: 'active', customerId });
    expect(customer.body).toMatchObject({ id: customerId, type: 'business', status: 'active', userCount: 1 });
    const adminCustomer = await request(api.app).get(`/api/admin/customers/${customerId}`).set(ADMIN).expect(200);
    expect(adminCustomer.body.name).toEqual(expect.any(String));
  });

  it("GET /api/admin/kinds names the fields each role reads: an auditor's pages have no personal one", async () => {
    const asAuditor = await request(api.app).get('/api/admin/kinds').set(AUDITOR).expect(200);
    const asAdmin = await request(api.app).get('/api/admin/kinds').set(ADMIN).expect(200);
    const support = (body: { kind: string; fields: string[]; columns: string[] }[]) => body.find((k) => k.kind === 'supportCase')!;
    const personal = ['requesterName', 'requesterEmail', 'requesterPhone', 'subject', 'description'];
    expect(support(asAuditor.body)).toMatchObject({ plural: 'support-cases', phases: ['OPEN', 'CLOSED', 'ERASED'] });
    expect(support(asAuditor.body).fields.filter((f) => personal.includes(f))).toEqual([]);
    expect(support(asAuditor.body).columns.filter((f) => personal.includes(f))).toEqual([]);
    expect(support(asAdmin.body).fields).toEqual(expect.arrayContaining(personal));
    expect(support(asAdmin.body).columns).toEqual(expect.arrayContaining(['requesterName', 'requesterEmail']));
  });

  it('lists customers and evidence with totals', async () => {
    const customers = await request(api.app)
      .get(`/api/admin/customers?${q({ range: [0, 4], sort: ['id', 'ASC'] })}`)
      .set(AUDITOR)
      .expect(200);
    expect(customers.headers['content-range']).toMatch(/^customers 0-\d+\/\d+$/);
    const evidence = await request(api.app)
      .get(`/api/admin/evidence?${q({ filter: { subjectKind: 'user', finishedAt_gte: '2000-01-01' }, range: [0, 4] })}`)
      .set(AUDITOR)
      .expect(200);
    expect(evidence.headers['content-range']).toMatch(/^evidence (\*|0-\d+)\/\d+$/);
  });
});
