// The support-case routes beside every kind's seven: intake with an ID of ours (the case system
// does not have one yet when a request comes in), and closure of any case, whoever asked. The
// generic routes under /{supportCaseId} serve outside requesters' cases (their own lifecycle).
import { Router } from 'express';
import type { SupportCaseService } from '../../lifecycles/supportCase/service';
import { closureRequest, supportCaseIntake } from '../../lifecycles/supportCase/schemas';
import { supportCase } from '../../lifecycles/supportCase';
import { validate } from '../validate';
import { subjectParams } from './subjectRouter';

export function supportCaseRouter(service: SupportCaseService): Router {
  const router = Router();
  const params = subjectParams(supportCase);

  router.post('/', validate({ body: supportCaseIntake }), async (_req, res) => {
    const { id, redactions } = await service.create(res.locals.body);
    res.status(201).location(`/api/v1/support-cases/${id}`).json({ id, redactions });
  });

  router.post('/:supportCaseId/closure', validate({ params, body: closureRequest }), async (_req, res) => {
    const { closedAt, reason } = res.locals.body;
    res.json(await service.close(res.locals.params.supportCaseId!, closedAt ?? new Date().toISOString(), reason));
  });

  return router;
}
