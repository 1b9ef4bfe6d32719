// /api/admin/<plural> (users, customers): read views of one kind's subject records, in the
// console's list contract. Which fields each role sees is the kind's adminView (console/subjects.ts).
import { Router } from 'express';
import type { SubjectConsole } from '../../../console/subjects';
import { parseListQuery, sendPage } from '../listQuery';

export function subjectsAdminRouter(resource: string, subjects: SubjectConsole): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: subjects.sorts, filter: subjects.filter });
    const { rows, total } = await subjects.list(res.locals.role, q);
    sendPage(res, resource, q, rows, total);
  });

  router.get('/:id', async (req, res) => {
    res.json(await subjects.get(res.locals.role, req.params.id));
  });

  return router;
}
