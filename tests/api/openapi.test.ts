// The OpenAPI document: served publicly, complete, and in step with the routes and validation.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import { appendPurgeEvidence } from '../support/evidence';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';

const api = useApp();

const SERVICE_ROUTES = [
  ['put', '/api/v1/customers/{customerId}'],
  ['post', '/api/v1/customers/{customerId}/termination'],
  ['post', '/api/v1/customers/{customerId}/restore'],
  ['post', '/api/v1/customers/{customerId}/erasure'],
  ['post', '/api/v1/customers/{customerId}/hold'],
  ['post', '/api/v1/customers/{customerId}/release'],
  ['get', '/api/v1/customers/{customerId}/lifecycle'],
  ['put', '/api/v1/users/{userId}'],
  ['post', '/api/v1/users/{userId}/termination'],
  ['post', '/api/v1/users/{userId}/restore'],
  ['post', '/api/v1/users/{userId}/erasure'],
  ['post', '/api/v1/users/{userId}/hold'],
  ['post', '/api/v1/users/{userId}/release'],
  ['get', '/api/v1/users/{userId}/lifecycle'],
  ['put', '/api/v1/customers/{customerId}/contacts/{contactId}'],
  ['post', '/api/v1/customers/{customerId}/contacts/{contactId}/departure'],
  ['post', '/api/v1/customers/{customerId}/contacts/{contactId}/restore'],
  ['post', '/api/v1/customers/{customerId}/contacts/{contactId}/erasure'],
  ['post', '/api/v1/customers/{customerId}/contacts/{contactId}/hold'],
  ['post', '/api/v1/customers/{customerId}/contacts/{contactId}/release'],
  ['get', '/api/v1/customers/{customerId}/contacts/{contactId}/lifecycle'],
  ['post', '/api/v1/support-cases'],
  ['post', '/api/v1/support-cases/{supportCaseId}/closure'],
  ['put', '/api/v1/support-cases/{supportCaseId}'],
  ['post', '/api/v1/support-cases/{supportCaseId}/termination'],
  ['post', '/api/v1/support-cases/{supportCaseId}/restore'],
  ['post', '/api/v1/support-cases/{supportCaseId}/erasure'],
  ['post', '/api/v1/support-cases/{supportCaseId}/hold'],
  ['post', '/api/v1/support-cases/{supportCaseId}/release'],
  ['get', '/api/v1/support-cases/{supportCaseId}/lifecycle'],
  ['put', '/api/v1/prospects/{prospectId}'],
  ['post', '/api/v1/prospects/{prospectId}/contact'],
  ['post', '/api/v1/prospects/{prospectId}/conversion'],
  ['post', '/api/v1/prospects/{prospectId}/termination'],
  ['post', '/api/v1/prospects/{prospectId}/restore'],
  ['post', '/api/v1/prospects/{prospectId}/erasure'],
  ['post', '/api/v1/prospects/{prospectId}/hold'],
  ['post', '/api/v1/prospects/{prospectId}/release'],
  ['get', '/api/v1/prospects/{prospectId}/lifecycle'],
] as const;
const AUDIT_ROUTES = [
  ['get', '/api/audit/evidence/verify'],
  ['get', '/api/audit/inventory'],
  ['get', '/api/audit/receipts/{subjectKind}/{subjectId}'],
  ['get', '/api/audit/receipts/{subjectKind}/{subjectId}/receipt.html'],
  ['post', '/codec/decode'],
  ['post', '/codec/encode'],
] as const;
const PUBLIC_ROUTES = [
  ['get', '/healthz'],
  ['get', '/readyz'],
  ['get', '/api/v1/openapi.json'],
] as const;

async function document() {
  return (await request(api.app).get('/api/v1/openapi.json').expect(200).expect('Content-Type', /json/)).body;
}

function operations(doc: { paths: Record<string, Record<string, unknown>> }) {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => [method, path] as const));
}

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document with bearer security', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it('documents exactly the routes there are', async () => {
    const doc = await document();
    expect(operations(doc).sort()).toEqual([...SERVICE_ROUTES, ...AUDIT_ROUTES, ...PUBLIC_ROUTES].map(([m, p]) => [m, p]).sort());
    for (const [method, path] of PUBLIC_ROUTES) expect(doc.paths[path][method].security).toEqual([]);
  });

  it('has every documented service operation routed (not the unknown-route 404)', async () => {
    const doc = await document();
    for (const [method, path] of operations(doc)) {
      const url = path.replace(/\{\w+\}/g, 'no-such-subject');
      const res = await request(api.app)[method as 'get'](url).set(SERVICE);
      expect(res.body.error ?? '', `${method} ${path}`).not.toMatch(/^no route/);
    }
  });

  it('documents path parameters, bodies, success and error responses', async () => {
    const doc = await document();
    for (const [method, path] of SERVICE_ROUTES) {
      const op = doc.paths[path][method];
      // Every route names its subject in the path, except intake, which makes the ID.
      const param = path.match(/\{(\w+)\}/)?.[1];
      if (param) {
        expect(op.parameters, path).toContainEqual(expect.objectContaining({ name: param, in: 'path', required: true }));
        expect(op.parameters[0].schema.pattern).toBe('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');
      } else expect(path).toBe('/api/v1/support-cases');
      for (const status of ['400', '401', '403', '500', '503']) expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
      if (method !== 'get') expect(op.responses['415']).toBeDefined();
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      expect(success.length, path).toBeGreaterThan(0);
    }
    expect(doc.paths['/api/v1/users/{userId}/termination'].post.responses['202']).toBeDefined();
    expect(doc.paths['/api/v1/users/{userId}/erasure'].post.responses['202']).toBeDefined();
    expect(Object.keys(doc.paths['/api/v1/users/{userId}'].put.responses)).toEqual(expect.arrayContaining(['200', '201', '409']));
  });

  it('derives request schemas from the validation schemas', async () => {
    const { schemas } = (await document()).components;
    expect(schemas.UserProvisioning.required.sort()).toEqual(['customerId', 'email', 'firstName', 'lastName', 'phone', 'username']);
    expect(schemas.UserProvisioning.additionalProperties).toBe(false);
    // A reason code from the fixed list, and a note with the subject's data; the old free text is gone.
    expect(schemas.ReasonRequest.required).toEqual(['reasonCode']);
    expect(schemas.ReasonRequest.properties.reasonCode.enum).toEqual(
      expect.arrayContaining(['employee-left', 'gdpr-art17-request', 'legal-hold']),
    );
    expect(schemas.ReasonRequest.properties.note).toMatchObject({ minLength: 1, maxLength: 500 });
    expect(schemas.TerminationRequest.required ?? []).toEqual([]);
    expect(schemas.TerminationRequest.properties.terminatedAt.format).toBe('date-time');
    const privateCustomer = schemas.CustomerProvisioning.oneOf.find(
      (s: { properties: { type: { const: string } } }) => s.properties.type.const === 'private',
    );
    expect(privateCustomer.required).toContain('address');
    expect(schemas.LifecycleReport.required).toEqual(expect.arrayContaining(['workflowId', 'phase', 'purgeDueAt']));
    // A contact's departure: a reason code from the fixed list, the time optional.
    expect(schemas.ContactDepartureRequest.required).toEqual(['reasonCode']);
    expect(schemas.ContactDepartureRequest.properties.reasonCode.enum).toEqual([
      'left-company',
      'role-changed',
      'customer-request',
      'other',
    ]);
    expect(schemas.ContactDepartureRequest.properties.departedAt.format).toBe('date-time');
    expect(schemas.ContactProvisioning.required.sort()).toEqual(['firstName', 'lastName']);
    const departure = (await document()).paths['/api/v1/customers/{customerId}/contacts/{contactId}/departure'].post;
    expect(departure.parameters.map((p: { name: string }) => p.name)).toEqual(['customerId', 'contactId']);
    expect(departure.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ContactDepartureRequest' } } },
    });
    expect(Object.keys(departure.responses)).toEqual(expect.arrayContaining(['202', '400', '404', '409']));
    expect(schemas.SupportCaseIntake.required.sort()).toEqual(['description', 'requester', 'subject']);
    expect(schemas.CreatedSupportCase.required.sort()).toEqual(['id', 'redactions']);
    expect(schemas.ProspectProvisioning.required.sort()).toEqual(['name', 'type']);
    expect(schemas.ConversionRequest.required).toEqual(['customerId']);
  });

  it("describes the auditor's answers as they are: a receipt and the chain report validate against their schemas", async () => {
    const doc = await document();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const [name, s] of Object.entries(doc.components.schemas)) ajv.addSchema(s as object, `#/components/schemas/${name}`);
    const check = (name: string, body: unknown) => {
      const validate = ajv.getSchema(`#/components/schemas/${name}`)!;
      expect(validate(body), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const { subjectId } = await appendPurgeEvidence(api.db);
    check('Receipt', (await request(api.app).get(`/api/audit/receipts/user/${subjectId}`).set(AUDITOR).expect(200)).body);
    check('ChainReport', (await request(api.app).get('/api/audit/evidence/verify').set(AUDITOR).expect(200)).body);
    for (const entry of (await request(api.app).get('/api/audit/inventory').set(AUDITOR).expect(200)).body) check('InventoryEntry', entry);
    const encoded = (
      await request(api.app)
        .post('/codec/encode')
        .set(ADMIN)
        .send({ payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'eyJhIjoxfQ==' }] })
        .expect(200)
    ).body;
    check('CodecPayloads', encoded);
  });
});
