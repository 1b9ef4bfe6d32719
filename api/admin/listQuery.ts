// The ra-data-simple-rest list contract, in one place for every admin resource:
//   GET /res?sort=["field","ASC"]&range=[0,24]&filter={"field":value}
// answers a bare JSON array with `Content-Range: res 0-24/319` (inclusive range, total after the
// slash). Each resource names the fields it sorts and filters by; anything else is a 400 naming
// the parameter, so a typo never silently returns an unfiltered list.
import type { Response } from 'express';
import { z } from 'zod';
import { MAX_PAGE, type ListQuery } from '../../console/listQuery';
import { ValidationError } from '../validate';

const sortSchema = z.tuple([z.string(), z.enum(['ASC', 'DESC', 'asc', 'desc'])]);
const rangeSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([a, b]) => b >= a, 'end before start')
  .refine(([a, b]) => b - a < MAX_PAGE, `at most ${MAX_PAGE} records per page`);

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new ValidationError([{ field: name, message: 'must be given once, as JSON' }]);
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError([{ field: name, message: 'is not valid JSON' }]);
  }
}

function check<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue?.path.length ? `${name}.${issue.path.join('.')}` : name;
  throw new ValidationError([{ field: at, message: issue?.message ?? 'is invalid' }]);
}

/**
 * Parses a list request. `sortable` are the fields a client may sort by (the first is the default,
 * ascending unless `defaultOrder`); `filter` is a strict zod object of the accepted filters.
 */
export function parseListQuery<F extends z.ZodType>(
  query: Record<string, unknown>,
  opts: { sortable: readonly string[]; filter: F; defaultOrder?: 'asc' | 'desc' },
): ListQuery<z.output<F>> {
  const sort = parseJson('sort', query.sort);
  const range = parseJson('range', query.range);
  const filter = parseJson('filter', query.filter);
  const [field, order] = sort === undefined ? [opts.sortable[0]!, opts.defaultOrder ?? 'asc'] : check('sort', sortSchema, sort);
  if (!opts.sortable.includes(field)) {
    throw new ValidationError([{ field: 'sort', message: `cannot sort by "${field}"; sortable: ${opts.sortable.join(', ')}` }]);
  }
  const [start, end] = range === undefined ? [0, 24] : check('range', rangeSchema, range);
  return {
    sort: { field, order: order.toLowerCase() as 'asc' | 'desc' },
    skip: start,
    take: end - start + 1,
    filter: check('filter', opts.filter, filter ?? {}) as z.output<F>,
  };
}

/** Sends one page: bare array plus the Content-Range header react-admin reads the total from. */
export function sendPage(res: Response, resource: string, q: { skip: number }, rows: unknown[], total: number): void {
  // An empty page past the end has no range to name: RFC 9110's unsatisfied form, `*/total`.
  const range = rows.length === 0 ? '*' : `${q.skip}-${q.skip + rows.length - 1}`;
  res.set('Content-Range', `${resource} ${range}/${total}`);
  res.json(rows);
}
