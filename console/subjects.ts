// The console's read views of each kind's subject records (users, customers): a list with filters
// and one record with its lifecycles. Which fields each role may read is the kind's decision
// (its adminView): auditors see IDs, statuses and times, never a person's data. Enforced here, on
// the server; the UI only follows.
import { z } from 'zod';
import type { Db } from '../db/client';
import { NotFoundError } from '../lifecycles/errors';
import type { AdminView } from '../lifecycles/registration';
import { idsFilter, type ListQuery } from './listQuery';

/** What every subject list filters by, before the kind's own filters. */
export const commonSubjectFilter = {
  id: idsFilter.optional(),
  q: z.string().trim().max(64).optional().describe('part of the ID, any case'),
};

/** Admins read the personal fields too; every other role reads what auditors read. */
export function selectFor<A extends object, P extends object>(role: string, fields: { auditor: A; personal: P }): A & Partial<P> {
  return role === 'admin' ? { ...fields.auditor, ...fields.personal } : fields.auditor;
}

export function createSubjectConsole(db: Db, noun: string, view: AdminView) {
  const filter = z.strictObject({ ...commonSubjectFilter, ...view.filters });
  return {
    filter,
    sorts: view.sorts,
    async list(role: string, q: ListQuery<z.output<typeof filter>>) {
      const { id, q: part, ...own } = q.filter;
      const where = { id: id ? { in: id } : part ? { contains: part, mode: 'insensitive' } : undefined, ...own };
      const orderBy = [{ [q.sort.field]: q.sort.order }, { id: 'asc' }];
      const [rows, total] = await Promise.all([
        view.findMany(db, { where, select: selectFor(role, view.fields), orderBy, skip: q.skip, take: q.take }),
        view.count(db, where),
      ]);
      return { rows, total };
    },
    async get(role: string, subjectId: string) {
      const row = await view.findOne(db, subjectId, selectFor(role, view.fields));
      if (!row) throw new NotFoundError(`${noun} ${subjectId} not found`);
      return { ...row, ...(await view.detail(db, subjectId)) };
    },
  };
}

export type SubjectConsole = ReturnType<typeof createSubjectConsole>;
