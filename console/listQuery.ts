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

/** Optional ISO date-time filter value (react-admin's DateInput sends YYYY-MM-DD). */
export const dateFilter = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((v) => new Date(v));
/** Ids filter: react-admin's getMany sends `{ id: [..] }`. */
export const idsFilter = z
  .union([z.string().min(1), z.array(z.string().min(1)).max(MAX_PAGE)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
