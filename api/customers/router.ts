// The customer routes of the service API (provisioning for now).
import { Router } from 'express';
import { validate } from '../validate';
import { customerParams, customerProvisioning } from './schemas';
import type { CustomerService } from './service';

export function customersRouter(customers: CustomerService): Router {
  const router = Router();

  router.put('/:customerId', validate({ params: customerParams, body: customerProvisioning }), async (_req, res) => {
    const { customerId } = res.locals.params;
    const { created, status } = await customers.provision(customerId, res.locals.body);
    res.status(created ? 201 : 200).json({ id: customerId, status });
  });

  return router;
}
