// A console list query, as the lists in this folder take it: sort, page and filter, already
// parsed and checked (api/admin/listQuery.ts parses react-admin's query string into it), and the
// filter values every list shares.
import { z } from 'zod';

/** The most records one page may hold. */
export const MAX_PAGE = 500;

export interface ListQuery<F> {
  sort: { field: string; order: 'asc' | 'desc' };
  skip: number;
  take: number;
  filter: F;
}

// Postgres timestamps reach from 4713 BC to 294276 AD, but Prisma sends only years 0001-9999 in
// their four-digit form: year 0000 fails in Postgres (22008) and an offset that crosses a year
// boundary ('9999-12-31T23:59:59-23:59') gives a six-digit year Prisma cannot send at all. Both
// were 500s; they are the caller's input, so they are refused here with the field named.
const EARLIEST = new Date('0001-01-01T00:00:00Z').getTime();
const LATEST = new Date('9999-12-31T23:59:59.999Z').getTime();

/** Optional ISO date-time filter value (react-admin's DateInput sends YYYY-MM-DD), in UTC years 0001-9999. */
export const dateFilter = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((v) => new Date(v))
  .refine((d) => d.getTime() >= EARLIEST && d.getTime() <= LATEST, 'must lie between 0001-01-01 and 9999-12-31 (UTC)');
/** Ids filter: react-admin's getMany sends `{ id: [..] }`. */
export const idsFilter = z
  .union([z.string().min(1), z.array(z.string().min(1)).max(MAX_PAGE)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
