// The auditor's and the Temporal Web UI's routes in the OpenAPI document (api/openapi.ts merges
// them in). Request shapes come from the routes' own zod schemas; the response shapes are written
// out here and checked against real answers in tests/api/openapi.test.ts.
import type { z } from 'zod';

type JsonSchema = Record<string, unknown>;
type SchemaOf = (s: z.ZodType, io?: 'input' | 'output') => JsonSchema;
type Errors = (codes: Array<400 | 401 | 403 | 404 | 413 | 415 | 429 | 500 | 503>) => Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: JsonSchema) => ({ 'application/json': { schema: s } });
const nullable = (type: string) => ({ type: [type, 'null'] });

const receiptRecord = {
  type: 'object',
  required: ['evidenceId', 'seq', 'action', 'rule', 'policyVersion', 'startedAt', 'finishedAt', 'workflowId', 'runId', 'hash'],
  properties: {
    evidenceId: { type: 'string' },
    seq: { type: 'string', description: 'Position in the hash chain' },
    action: { enum: ['purge', 'anonymise', 'verify'] },
    rule: { type: 'string', description: 'The retention rule (clause) applied' },
    policyVersion: { type: 'string' },
    reason: nullable('string'),
    tables: { type: 'object', description: 'Rows deleted or anonymised per table: counts only' },
    detail: { description: 'What else the record proves (verification checks, history digest); IDs and counts only' },
    triggeredAt: nullable('string'),
    dueAt: nullable('string'),
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
    workflowId: { type: 'string' },
    runId: { type: 'string' },
    prevHash: nullable('string'),
    hash: nullable('string'),
  },
};

const receipt = {
  type: 'object',
  required: ['subjectKind', 'subjectId', 'generatedAt', 'erasedOnTime', 'erasures', 'verifications', 'ledgerHash'],
  properties: {
    subjectKind: { enum: ['user', 'customer'] },
    subjectId: { type: 'string' },
    generatedAt: { type: 'string' },
    terminatedAt: nullable('string'),
    dueAt: nullable('string'),
    erasedAt: nullable('string'),
    erasedOnTime: {
      type: 'object',
      required: ['answer', 'verdict', 'reasons'],
      properties: {
        answer: { type: ['boolean', 'null'] },
        verdict: { enum: ['on-time', 'late', 'pending', 'overdue', 'held', 'not-terminated'] },
        reasons: { type: 'array', items: { type: 'string' } },
      },
    },
    erasures: { type: 'array', items: ref('ReceiptRecord') },
    verifications: { type: 'array', items: ref('ReceiptRecord') },
    ledgerHash: nullable('string'),
  },
};

const ledgerFields = {
  records: { type: 'integer' },
  unsealedPrefix: { type: 'integer', description: 'Evidence chained before ledger keys existed; the first sealed record vouches for them' },
  headHash: nullable('string'),
  headSeq: nullable('string'),
  anchoredSeq: { ...nullable('string'), description: 'The newest record an anchor outside the database vouches for' },
  firstBroken: {
    type: ['object', 'null'],
    description:
      'The first broken link: the content no longer matches its hash (hash), the record does not follow its predecessor (prevHash), it has no hash (unchained) or no seal after sealed ones (unsealed), its seal does not verify (seal) or its key is not listed (key), or an anchored record is gone (truncated)',
    properties: {
      seq: { type: 'string' },
      id: nullable('string'),
      problem: { enum: ['hash', 'prevHash', 'unchained', 'unsealed', 'seal', 'key', 'truncated'] },
      expected: nullable('string'),
      found: nullable('string'),
    },
  },
};
const ledgerReport = {
  type: 'object',
  required: ['ledger', 'ok', ...Object.keys(ledgerFields)],
  properties: { ledger: { enum: ['Evidence', 'AdminAction'] }, ok: { type: 'boolean' }, ...ledgerFields },
};
const chainReport = {
  type: 'object',
  description: 'The Evidence ledger at the top level, the AdminAction ledger under adminActions.',
  required: ['ok', ...Object.keys(ledgerFields), 'adminActions', 'anchors', 'checkedAt'],
  properties: {
    ok: { type: 'boolean', description: 'Both ledgers intact: every hash, link, seal and anchor verifies' },
    ...ledgerFields,
    adminActions: ledgerReport,
    anchors: {
      type: 'object',
      required: ['enabled', 'files', 'invalidLines'],
      properties: { enabled: { type: 'boolean' }, files: { type: 'integer' }, invalidLines: { type: 'integer' } },
    },
    checkedAt: { type: 'string' },
  },
};

const inventoryEntry = {
  type: 'object',
  required: ['store', 'table', 'category', 'action', 'rule', 'basis', 'clause', 'deadline', 'notice'],
  properties: {
    store: { enum: ['postgres', 'temporal', 'logs', 'backups', 'metrics', 'erasure-journal'] },
    table: { type: 'string', description: 'The table (Prisma model), or the part of the store' },
    column: { type: 'string', description: 'The column, for Postgres' },
    category: { enum: ['personal', 'pseudonymous', 'not-personal'] },
    subject: { type: 'string', description: 'Whose data it is (personal and pseudonymous only)' },
    action: { enum: ['delete', 'anonymise', 'keep'] },
    rule: { ...nullable('string'), description: 'The retention rule that ends it, or keeps it' },
    basis: { type: 'string' },
    clause: { type: 'string', description: "The notice's clause" },
    deadline: { type: 'string' },
    notice: { type: 'string', description: "The notice's sentence, verbatim" },
  },
};

export function auditPaths(schema: SchemaOf, errors: Errors, params: { receipt: z.ZodObject; codecBody: z.ZodType }) {
  const receiptParameters = Object.entries(params.receipt.shape).map(([name, s]) => ({
    name,
    in: 'path',
    required: true,
    schema: schema(s as z.ZodType),
  }));
  const auditor = 'Roles auditor and admin.';
  const codec = (what: string) => ({
    summary: `${what} Temporal payloads for the Web UI (codec server)`,
    description:
      'Admins only: the admin token as a bearer token, or (decode only) the Web UI with the cookie an admin got at /codec/session. The Temporal Web UI posts the payloads it shows; the same shape comes back. The namespace comes in X-Namespace.',
    requestBody: { required: true, content: json(ref('CodecPayloads')) },
    responses: {
      200: { description: `The payloads, ${what.toLowerCase()}ed`, content: json(ref('CodecPayloads')) },
      ...errors([400, 401, 403, 413, 415, 429, 500]),
    },
  });
  return {
    paths: {
      '/api/audit/evidence/verify': {
        get: {
          summary: "Check the whole evidence ledger's hash chain",
          description: `${auditor} Recomputes every record's hash and link; \`ok: false\` names each broken link.`,
          responses: { 200: { description: 'The chain report', content: json(ref('ChainReport')) }, ...errors([401, 403, 429, 500, 503]) },
        },
      },
      '/api/audit/inventory': {
        get: {
          summary: 'The data inventory (record of processing)',
          description: `${auditor} Every Postgres column and every other store: personal, pseudonymous or not, the rule that ends it, what the rule does, the deadline and the notice's sentence.`,
          responses: {
            200: { description: 'One entry per column and store', content: json({ type: 'array', items: ref('InventoryEntry') }) },
            ...errors([401, 403, 500]),
          },
        },
      },
      '/api/audit/receipts/{subjectKind}/{subjectId}': {
        get: {
          summary: "A subject's erasure receipt",
          description: `${auditor} What was deleted or anonymised and when, under which rule, the ledger hashes, and whether it was erased on time.`,
          parameters: receiptParameters,
          responses: { 200: { description: 'The receipt', content: json(ref('Receipt')) }, ...errors([400, 401, 403, 404, 429, 500, 503]) },
        },
      },
      '/api/audit/receipts/{subjectKind}/{subjectId}/receipt.html': {
        get: {
          summary: 'The same receipt as a printable page',
          description: auditor,
          parameters: receiptParameters,
          responses: {
            200: { description: 'Self-contained HTML', content: { 'text/html': { schema: { type: 'string' } } } },
            ...errors([400, 401, 403, 404, 429, 500, 503]),
          },
        },
      },
      '/codec/decode': { post: codec('Decrypt') },
      '/codec/encode': { post: codec('Encrypt') },
    },
    schemas: {
      InventoryEntry: inventoryEntry,
      Receipt: receipt,
      ReceiptRecord: receiptRecord,
      ChainReport: chainReport,
      CodecPayloads: schema(params.codecBody),
    },
  };
}
