// The support-case routes beside every kind's seven: intake with an ID of ours (the case system
// does not have one yet when a request comes in), and closure of any case, whoever asked. The
// generic routes under /{supportCaseId} serve outside requesters' cases (their own lifecycle).
import { Router } from 'express';
import type { SupportCaseService } from '../../lifecycles/supportCase/service';
import { closureRequest, supportCaseIntake } from '../../lifecycles/supportCase/schemas';
import { supportCase } from '../../lifecycles/supportCase';
import { validate } from '../validate';
import type { NoteSink } from './subjectRouter';
import { subjectParams } from './subjectRouter';

export function supportCaseRouter(service: SupportCaseService, keepNote: NoteSink): Router {
  const router = Router();
  const params = subjectParams(supportCase);

  router.post('/', validate({ body: supportCaseIntake }), async (_req, res) => {
    const { id, redactions } = await service.create(res.locals.body);
    res.status(201).location(`/api/v1/support-cases/${id}`).json({ id, redactions });
  });

  router.post('/:supportCaseId/closure', validate({ params, body: closureRequest }), async (_req, res) => {
    const { closedAt, reason, note } = res.locals.body;
    const caseId = res.locals.params.supportCaseId!;
    const noted = { subjectKind: 'supportCase', subjectId: caseId, action: 'close', reasonCode: reason, note };
    res.json(await keepNote(noted, () => service.close(caseId, closedAt ?? new Date().toISOString(), reason)));
  });

  return router;
}
