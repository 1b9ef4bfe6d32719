// The console's read views of each kind's subject records (users, customers): a list with filters
// and one record with its lifecycles. Which fields each role may read is the kind's decision
// (its adminView): auditors see IDs, statuses and times, never a person's data. Enforced here, on
// the server; the UI only follows.
import { z } from 'zod';
import type { Db } from '../db/client';
import { NotFoundError } from '../lifecycles/errors';
import type { AdminView, KindRegistration } from '../lifecycles/registration';
import type { KindName } from '../lifecycles/shared/contract';
import type { KindInfo } from './records';
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

/** A filter's values when the view lists them (a zod enum, optional or not). */
function choicesOf(schema: z.ZodType): string[] | undefined {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodEnum ? (inner.options as string[]).map(String) : undefined;
}

/** What a role reads of a kind's records, for the console's pages of any kind (GET /api/admin/kinds). */
export function kindInfoFor(role: string, reg: Pick<KindRegistration, 'kind' | 'plural' | 'phases' | 'adminView'>): KindInfo {
  const view = reg.adminView;
  const rank = (f: string) => (view.order?.includes(f) ? view.order.indexOf(f) : Infinity);
  const fields = Object.keys(selectFor(role, view.fields)).sort((a, b) => rank(a) - rank(b));
  const json = new Set(['intakeRedactions']);
  const columns = view.columns ? view.columns.filter((f) => fields.includes(f)) : fields.filter((f) => !json.has(f));
  return {
    kind: reg.kind.name as KindName,
    plural: reg.plural,
    phases: reg.phases,
    fields,
    columns,
    filters: Object.entries(view.filters).map(([source, schema]) => {
      const choices = choicesOf(schema as z.ZodType);
      return choices ? { source, choices } : { source };
    }),
    sorts: view.sorts,
  };
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
