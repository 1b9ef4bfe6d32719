// The prospect routes beside every kind's seven: a contact (the clock restarts) and the conversion
// into a customer (the prospect's data moves under the customer's lifecycle; its own ends).
import { Router } from 'express';
import { prospect } from '../../lifecycles/prospect';
import { contactRequest, conversionRequest } from '../../lifecycles/prospect/schemas';
import type { ProspectService } from '../../lifecycles/prospect/service';
import { validate } from '../validate';
import { subjectParams } from './subjectRouter';

export function prospectRouter(service: ProspectService): Router {
  const router = Router();
  const params = subjectParams(prospect);

  router.post('/:prospectId/contact', validate({ params, body: contactRequest }), async (_req, res) => {
    const contactedAt = res.locals.body.contactedAt ?? new Date().toISOString();
    res.json(await service.contact(res.locals.params.prospectId!, contactedAt));
  });

  router.post('/:prospectId/conversion', validate({ params, body: conversionRequest }), async (_req, res) => {
    res.json(await service.convert(res.locals.params.prospectId!, res.locals.body.customerId));
  });

  return router;
}
