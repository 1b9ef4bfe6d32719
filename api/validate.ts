// Request validation with zod. Parsed values go to res.locals because Express 5's req.query is a
// read-only getter, and because handlers should only ever see the parsed, normalised input.
import type { RequestHandler } from 'express';
import { type z } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ValidationError extends Error {
  readonly status = 400;
  constructor(readonly fields: FieldProblem[]) {
    super('validation failed');
  }
}

interface Schemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

type Parsed<S extends Schemas, K extends keyof Schemas> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;

export interface Validated<S extends Schemas> {
  params: Parsed<S, 'params'>;
  query: Parsed<S, 'query'>;
  body: Parsed<S, 'body'>;
}

// "Invalid input: expected string, received undefined" says less than "is required".
const errorMap: z.core.$ZodErrorMap = (issue) => (issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : undefined);

export function validate<S extends Schemas>(schemas: S): RequestHandler<Record<string, string>, unknown, unknown, unknown, Validated<S>> {
  return (req, res, next) => {
    const problems: FieldProblem[] = [];
    const parse = (part: keyof Schemas, input: unknown) => {
      const schema = schemas[part];
      if (!schema) return undefined;
      const result = schema.safeParse(input, { error: errorMap });
      if (result.success) return result.data;
      problems.push(...result.error.issues.flatMap((issue) => describeIssue(part, issue)));
      return undefined;
    };
    // A POST without a body (restore) reaches us as undefined: treat it as an empty object so the
    // schema, not the absence, decides what is required.
    const parsed = {
      params: parse('params', req.params),
      query: parse('query', req.query),
      body: parse('body', req.body ?? {}),
    };
    if (problems.length > 0) return next(new ValidationError(problems));
    Object.assign(res.locals, parsed);
    next();
  };
}

function describeIssue(part: keyof Schemas, issue: z.core.$ZodIssue): FieldProblem[] {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: 'is not a known field' }));
  }
  // Only a top-level problem (a body that is an array, say) has no path: name the part itself.
  return [{ field: at || part, message: issue.message }];
}
