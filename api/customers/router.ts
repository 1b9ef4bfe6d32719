// The customer routes of the service API: provisioning, and the lifecycle actions services call
// when a customer relationship ends (or comes back).
import { Router } from 'express';
import { validate } from '../validate';
import { customerParams, customerProvisioning, optionalReasonRequest, reasonRequest, terminationRequest } from './schemas';
import type { CustomerLifecycleService } from './lifecycleService';
import type { CustomerService } from './service';

export function customersRouter(customers: CustomerService, lifecycles: CustomerLifecycleService): Router {
  const router = Router();

  router.put('/:customerId', validate({ params: customerParams, body: customerProvisioning }), async (_req, res) => {
    const { customerId } = res.locals.params;
    const { created, status } = await customers.provision(customerId, res.locals.body);
    res.status(created ? 201 : 200).json({ id: customerId, status });
  });

  // Accepted, not done: the cascade to the users and the anonymisations run in the workflow.
  router.post('/:customerId/termination', validate({ params: customerParams, body: terminationRequest }), async (_req, res) => {
    const { terminatedAt, reason } = res.locals.body;
    res.status(202).json(await lifecycles.terminate(res.locals.params.customerId, terminatedAt ?? new Date().toISOString(), reason));
  });

  router.post('/:customerId/restore', validate({ params: customerParams, body: optionalReasonRequest }), async (_req, res) => {
    res.json(await lifecycles.restore(res.locals.params.customerId, res.locals.body.reason));
  });

  router.post('/:customerId/erasure', validate({ params: customerParams, body: reasonRequest }), async (_req, res) => {
    res.status(202).json(await lifecycles.erase(res.locals.params.customerId, res.locals.body.reason));
  });

  router.post('/:customerId/hold', validate({ params: customerParams, body: reasonRequest }), async (_req, res) => {
    res.json(await lifecycles.hold(res.locals.params.customerId, res.locals.body.reason));
  });

  router.post('/:customerId/release', validate({ params: customerParams, body: reasonRequest }), async (_req, res) => {
    res.json(await lifecycles.release(res.locals.params.customerId, res.locals.body.reason));
  });

  router.get('/:customerId/lifecycle', validate({ params: customerParams }), async (_req, res) => {
    res.json(await lifecycles.lifecycle(res.locals.params.customerId));
  });

  return router;
}
