// The OpenAPI 3.1 document of the service API. Every kind in the registry gets the same seven
// routes; request and response schemas come from the zod schemas the routes validate with
// (z.toJSONSchema), so the document cannot drift from what is enforced.
import { z } from 'zod';
import { version } from '../package.json';
import type { KindRegistration } from '../lifecycles/registration';
import { ALL_KINDS } from '../lifecycles/registry';
import { optionalReasonRequest, reasonRequest, terminationRequest } from '../lifecycles/shared/fields';
import { collectionPath, subjectParams, terminationRoute } from './v1/subjectRouter';
import { supportCase } from '../lifecycles/supportCase';
import { prospect } from '../lifecycles/prospect';
import { contactRequest, conversionRequest } from '../lifecycles/prospect/schemas';
import { closedSupportCase, closureRequest, createdSupportCase } from '../lifecycles/supportCase/schemas';
import { BODY_LIMIT } from './jsonBody';
import { auditPaths } from './audit/openapi';
import { receiptParams } from './audit/router';
import { payloadsBody } from './codec/router';

type JsonSchema = Record<string, unknown>;

/** The one error shape of every route (see errorHandler.ts). */
const errorBody = z.object({
  error: z.string(),
  fields: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('With 400: each offending field'),
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
  403: error("The token's role may not use this route"),
  404: error('No such user, customer, contact or support case (a contact under another customer is not found)'),
  409: error("Not allowed in the subject's current state"),
  413: error(`Request body larger than ${BODY_LIMIT}`),
  415: error('Request body is not application/json'),
  429: error('Too many requests from this token or address, or too many refused tokens; retry after `Retry-After` seconds'),
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
      ...pick([400, 401, 403, ...op.errors, ...bodyErrors, 429, 500, 503]),
    },
  };
}

const provisioned = (schema: string): Operation['ok'] => [
  { status: 201, description: 'Created', schema },
  { status: 200, description: 'Existed and was updated', schema },
];

/** The seven routes of one kind (api/v1/subjectRouter.ts), documented from its registration. */
function kindPaths(registration: KindRegistration): Record<string, JsonSchema> {
  const { kind, docs } = registration;
  const params = subjectParams(registration);
  const base = `${collectionPath(registration, 'openapi')}/{${kind.name}Id}`;
  const termination = terminationRoute(registration);
  const reasonBody = { schema: 'ReasonRequest', required: true };
  const action = (doc: { summary: string; description: string }, body: Operation['body'], status = 200): Operation => ({
    ...doc,
    params,
    body,
    ok: [{ status, description: docs.report, schema: docs.names.report }],
    errors: [404, 409],
  });
  return {
    [base]: {
      put: operation({
        ...docs.provision,
        params,
        body: { schema: docs.names.provisioning, required: true },
        ok: provisioned(docs.names.provisioned),
        errors: registration.parent || docs.provision.notFound ? [404, 409] : [409],
      }),
    },
    [`${base}/${termination.path}`]: {
      post: operation(action(docs.terminate, { schema: termination.schemaName, required: !!registration.termination }, 202)),
    },
    [`${base}/restore`]: { post: operation(action(docs.restore, { schema: 'OptionalReasonRequest', required: false })) },
    [`${base}/erasure`]: { post: operation(action(docs.erase, reasonBody, 202)) },
    [`${base}/hold`]: { post: operation(action(docs.hold, reasonBody)) },
    [`${base}/release`]: { post: operation(action(docs.release, reasonBody)) },
    [`${base}/lifecycle`]: { get: operation({ ...action(docs.lifecycle, undefined), errors: [404] }) },
  };
}

/** Intake and closure of support cases (api/v1/supportCases.ts), beside the kind's seven routes. */
function supportCasePaths(): Record<string, JsonSchema> {
  return {
    '/api/v1/support-cases': {
      post: operation({
        summary: 'Open a support case',
        description:
          'Identity and D-numbers, bank account numbers, payment card numbers and passwords written out are removed from subject ' +
          'and description before the case is stored (a marker such as [fjernet: fødselsnummer] stays); `redactions` says what was ' +
          "removed, by type and count. The requester is tied to the subject whose lifecycle ends the case's personal data: a user, " +
          'a contact or a customer by ID (404 when unknown, 409 when already erased), or someone from outside, whose case gets its own ' +
          'lifecycle (RETENTION_SUPPORT_CASE after closure).',
        params: z.object({}),
        body: { schema: 'SupportCaseIntake', required: true },
        ok: [{ status: 201, description: 'Created', schema: 'CreatedSupportCase' }],
        errors: [404, 409],
      }),
    },
    '/api/v1/support-cases/{supportCaseId}/closure': {
      post: operation({
        summary: 'Close a support case',
        description:
          "Any case. An outside requester's case closes through its lifecycle: the requester's details are erased at `eraseDueAt`. " +
          'Idempotent: a closed case keeps its first closure time. 409 while its erasure is running.',
        params: subjectParams(supportCase),
        body: { schema: 'ClosureRequest', required: false },
        ok: [{ status: 200, description: 'Closed', schema: 'ClosedSupportCase' }],
        errors: [404, 409],
      }),
    },
  };
}

/** Contacts and conversion of prospects (api/v1/prospects.ts), beside the kind's seven routes. */
function prospectPaths(): Record<string, JsonSchema> {
  return {
    '/api/v1/prospects/{prospectId}/contact': {
      post: operation({
        summary: 'Record a contact with the prospect',
        description:
          "The clock restarts: the prospect's data is anonymised at the last contact + RETENTION_PROSPECT (at most 5 years). " +
          'A contact older than the last one known changes nothing. 409 once converted or anonymised.',
        params: subjectParams(prospect),
        body: { schema: 'ContactRequest', required: false },
        ok: [{ status: 200, description: "The prospect's lifecycle", schema: 'ProspectLifecycleReport' }],
        errors: [404, 409],
      }),
    },
    '/api/v1/prospects/{prospectId}/conversion': {
      post: operation({
        summary: 'The prospect has become a customer',
        description:
          "Its name and contact details are copied into the customer's row where that is empty, and the customer's lifecycle holds them " +
          "from now on; the prospect's row is anonymised and its lifecycle ends. 404 for an unknown prospect or customer; 409 when " +
          'already converted or anonymised, on legal hold, or when the customer has been anonymised or closed.',
        params: subjectParams(prospect),
        body: { schema: 'ConversionRequest', required: true },
        ok: [{ status: 200, description: "The prospect's lifecycle, CONVERTED", schema: 'ProspectLifecycleReport' }],
        errors: [404, 409],
      }),
    },
  };
}

function kindSchemas({ schemas, docs, termination }: KindRegistration): Record<string, JsonSchema> {
  return {
    ...(termination ? { [termination.schemaName]: schema(termination.body) } : {}),
    [docs.names.provisioning]: schema(schemas.provisioning),
    [docs.names.provisioned]: schema(schemas.provisioned, 'output'),
    [docs.names.report]: schema(schemas.report, 'output'),
  };
}

export function buildOpenApiDocument(): JsonSchema {
  const audit = auditPaths(schema, pick, { receipt: receiptParams, codecBody: payloadsBody });
  return {
    openapi: '3.1.0',
    info: {
      title: 'NITD data-lifecycle service API',
      version,
      description:
        'Services report provisioning and departures; each user account gets a lifecycle workflow that deactivates it on ' +
        "termination, quarantines its personal data and then purges it. IDs are the callers' own opaque IDs. Errors are " +
        '`{ error, fields? }`. Auditors read the evidence ledger and erasure receipts under /api/audit; the Temporal Web ' +
        'UI decrypts payloads through /codec.',
    },
    security: [{ bearer: [] }],
    paths: {
      ...Object.assign({}, ...ALL_KINDS.map(kindPaths)),
      ...supportCasePaths(),
      ...prospectPaths(),
      '/healthz': {
        get: { summary: 'Liveness', security: [], responses: { 200: { description: '`{ "status": "ok" }`' }, ...pick([429]) } },
      },
      '/readyz': {
        get: {
          summary: 'Readiness: Postgres and Temporal answer within 2 s',
          security: [],
          responses: {
            200: { description: 'Ready' },
            503: { description: 'Not ready; `checks` says which dependency failed' },
            ...pick([429]),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1 document' }, ...pick([429]) } },
      },
      ...audit.paths,
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from API_TOKENS: role service or admin for /api/v1, auditor or admin for /api/audit, admin for /codec.',
        },
      },
      schemas: {
        Error: schema(errorBody, 'output'),
        TerminationRequest: schema(terminationRequest),
        ReasonRequest: schema(reasonRequest),
        OptionalReasonRequest: schema(optionalReasonRequest),
        ...Object.assign({}, ...ALL_KINDS.map(kindSchemas)),
        CreatedSupportCase: schema(createdSupportCase, 'output'),
        ClosureRequest: schema(closureRequest),
        ClosedSupportCase: schema(closedSupportCase, 'output'),
        ContactRequest: schema(contactRequest),
        ConversionRequest: schema(conversionRequest),
        ...audit.schemas,
      },
    },
  };
}
