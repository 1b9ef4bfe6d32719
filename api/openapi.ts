// The OpenAPI 3.1 document of the service API. Request schemas come from the zod schemas the
// routes validate with (z.toJSONSchema), so the document cannot drift from what is enforced.
import { z } from 'zod';
import { version } from '../package.json';
import { customerLifecycleReport, customerParams, customerProvisioning, provisionedCustomer } from './customers/schemas';
import { lifecycleReport, optionalReasonRequest, provisionedUser, reasonRequest, terminationRequest, userParams, userProvisioning } from './users/schemas';
import { BODY_LIMIT } from './jsonBody';
import { auditPaths } from './audit/openapi';
import { receiptParams } from './audit/router';
import { payloadsBody } from './codec/router';

type JsonSchema = Record<string, unknown>;

/** The one error shape of every route (see errorHandler.ts). */
const errorBody = z.object({
  error: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('With 400: each offending field'),
});

// Requests are documented as clients send them (io: 'input'), responses as we send them.
function schema(s: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: JsonSchema) => ({ 'application/json': { schema: s } });

const error = (description: string) => ({ description, content: json(ref('Error')) });
const ERRORS = {
  400: error('Invalid input; `fields` names each offending field'),
  401: error('Missing or invalid bearer token'),
  403: error('The token\'s role may not use this route'),
  404: error('No such user or customer'),
  409: error('Not allowed in the subject\'s current state'),
  413: error(`Request body larger than ${BODY_LIMIT}`),
  415: error('Request body is not application/json'),
  500: error('Unexpected failure (logged with the X-Request-Id)'),
  503: error('Postgres or Temporal is unavailable; retry later'),
};
type ErrorStatus = keyof typeof ERRORS;
const pick = (codes: ErrorStatus[]) => Object.fromEntries(codes.map((c) => [c, ERRORS[c]]));

function pathParameters(params: z.ZodObject): unknown[] {
  return Object.entries(params.shape).map(([name, s]) => ({ name, in: 'path', required: true, schema: schema(s as z.ZodType) }));
}

interface Operation {
  summary: string;
  description?: string;
  params: z.ZodObject;
  body?: { schema: string; required: boolean };
  ok: Array<{ status: number; description: string; schema: string }>;
  errors: ErrorStatus[];
}

function operation(op: Operation): JsonSchema {
  const bodyErrors: ErrorStatus[] = op.body ? [413, 415] : [];
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    parameters: pathParameters(op.params),
    ...(op.body ? { requestBody: { required: op.body.required, content: json(ref(op.body.schema)) } } : {}),
    responses: {
      ...Object.fromEntries(op.ok.map((ok) => [ok.status, { description: ok.description, content: json(ref(ok.schema)) }])),
      ...pick([400, 401, 403, ...op.errors, ...bodyErrors, 500, 503]),
    },
  };
}

const userAction = (summary: string, description: string, body: Operation['body'], status = 200): Operation => ({
  summary,
  description,
  params: userParams,
  body,
  ok: [{ status, description: 'The user\'s lifecycle', schema: 'LifecycleReport' }],
  errors: [404, 409],
});

const customerAction = (summary: string, description: string, body: Operation['body'], status = 200): Operation => ({
  summary,
  description,
  params: customerParams,
  body,
  ok: [{ status, description: 'The customer relationship\'s lifecycle', schema: 'CustomerLifecycleReport' }],
  errors: [404, 409],
});

const provisioned = (schema: string): Operation['ok'] => [
  { status: 201, description: 'Created', schema },
  { status: 200, description: 'Existed and was updated', schema },
];

export function buildOpenApiDocument(): JsonSchema {
  const reasonBody = { schema: 'ReasonRequest', required: true };
  const audit = auditPaths(schema, pick, { receipt: receiptParams, codecBody: payloadsBody });
  return {
    openapi: '3.1.0',
    info: {
      title: 'NITD data-lifecycle service API',
      version,
      description:
        'Services report provisioning and departures; each user account gets a lifecycle workflow that deactivates it on ' +
        'termination, quarantines its personal data and then purges it. IDs are the callers\' own opaque IDs. Errors are ' +
        '`{ error, fields? }`. Auditors read the evidence ledger and erasure receipts under /api/audit; the Temporal Web ' +
        'UI decrypts payloads through /codec.',
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/customers/{customerId}': {
        put: operation({
          summary: 'Create or replace a customer',
          description: 'Absent optional fields are cleared.',
          params: customerParams,
          body: { schema: 'CustomerProvisioning', required: true },
          ok: provisioned('ProvisionedCustomer'),
          errors: [409],
        }),
      },
      '/api/v1/customers/{customerId}/termination': {
        post: operation(
          customerAction(
            'Report that the customer relationship has ended',
            'Every user of the customer enters its own lifecycle with this termination time; CRM data is anonymised at the end + ' +
              'RETENTION_CRM_ANONYMISE (3 years), ERP data at the end + RETENTION_ERP_MAX, never later than 5 years. Idempotent; ' +
              'a repeated report with an earlier time moves the dates earlier.',
            { schema: 'TerminationRequest', required: false },
            202,
          ),
        ),
      },
      '/api/v1/customers/{customerId}/restore': {
        post: operation(
          customerAction(
            'The customer came back during retention',
            'ACTIVE again, pending anonymisation cancelled; users terminated only by the customer\'s end are restored, purged users stay purged. 409 once CRM data is anonymised.',
            { schema: 'OptionalReasonRequest', required: false },
          ),
        ),
      },
      '/api/v1/customers/{customerId}/erasure': {
        post: operation(
          customerAction(
            'Request erasure (GDPR art. 17)',
            'Accepted: CRM data is anonymised and every user erased without waiting; ERP bookkeeping data stays until its cap (art. 17(3)(b)).',
            reasonBody,
            202,
          ),
        ),
      },
      '/api/v1/customers/{customerId}/hold': {
        post: operation(customerAction('Place a legal hold', 'CRM/ERP anonymisation waits while the hold lasts (users keep their own lifecycles); past the cap the lifecycle shows heldPastCap.', reasonBody)),
      },
      '/api/v1/customers/{customerId}/release': {
        post: operation(customerAction('Release the legal hold', 'Anything already due runs at once.', reasonBody)),
      },
      '/api/v1/customers/{customerId}/lifecycle': {
        get: operation({ ...customerAction('The customer relationship\'s lifecycle', 'Phase, due dates, cascade progress, hold, events and evidence.', undefined), errors: [404] }),
      },
      '/api/v1/users/{userId}': {
        put: operation({
          summary: 'Create or replace a user account',
          description: 'The customer must exist (400 naming customerId otherwise). A user ID is never reused (409) once it has been purged, even if its account row is gone.',
          params: userParams,
          body: { schema: 'UserProvisioning', required: true },
          ok: provisioned('ProvisionedUser'),
          errors: [409],
        }),
      },
      '/api/v1/users/{userId}/termination': {
        post: operation(
          userAction(
            'Report that the user has left',
            'Deactivates the account at once and starts the quarantine; idempotent.',
            { schema: 'TerminationRequest', required: false },
            202,
          ),
        ),
      },
      '/api/v1/users/{userId}/restore': {
        post: operation(userAction('Undo a termination during quarantine', 'Reactivates the account.', { schema: 'OptionalReasonRequest', required: false })),
      },
      '/api/v1/users/{userId}/erasure': {
        post: operation(userAction('Request erasure (GDPR art. 17)', 'Accepted: the purge runs without waiting for the quarantine.', reasonBody, 202)),
      },
      '/api/v1/users/{userId}/hold': {
        post: operation(userAction('Place a legal hold', 'The purge waits while the hold lasts; the time held is added to the deadline.', reasonBody)),
      },
      '/api/v1/users/{userId}/release': {
        post: operation(userAction('Release the legal hold', 'The quarantine clock runs again.', reasonBody)),
      },
      '/api/v1/users/{userId}/lifecycle': {
        get: operation({ ...userAction('The user\'s lifecycle', 'Phase, deadlines, hold and evidence of the purge.', undefined), errors: [404] }),
      },
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { 200: { description: '`{ "status": "ok" }`' } } } },
      '/readyz': {
        get: {
          summary: 'Readiness: Postgres and Temporal answer within 2 s',
          security: [],
          responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready; `checks` says which dependency failed' } },
        },
      },
      '/api/v1/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1 document' } } } },
      ...audit.paths,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from API_TOKENS: role service or admin for /api/v1, auditor or admin for /api/audit, admin for /codec.' } },
      schemas: {
        Error: schema(errorBody, 'output'),
        CustomerProvisioning: schema(customerProvisioning),
        UserProvisioning: schema(userProvisioning),
        TerminationRequest: schema(terminationRequest),
        ReasonRequest: schema(reasonRequest),
        OptionalReasonRequest: schema(optionalReasonRequest),
        ProvisionedCustomer: schema(provisionedCustomer, 'output'),
        ProvisionedUser: schema(provisionedUser, 'output'),
        LifecycleReport: schema(lifecycleReport, 'output'),
        CustomerLifecycleReport: schema(customerLifecycleReport, 'output'),
        ...audit.schemas,
      },
    },
  };
}
