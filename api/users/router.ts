// The user routes of the service API: provisioning and the lifecycle actions services call when
// someone leaves. Express 5 hands rejected handlers to the error middleware.
import { Router } from 'express';
import { validate } from '../validate';
import { optionalReasonRequest, reasonRequest, terminationRequest, userParams, userProvisioning } from './schemas';
import type { UserService } from './service';

export function usersRouter(users: UserService): Router {
  const router = Router();

  router.put('/:userId', validate({ params: userParams, body: userProvisioning }), async (_req, res) => {
    const { userId } = res.locals.params;
    const { created, status } = await users.provision(userId, res.locals.body);
    res.status(created ? 201 : 200).json({ id: userId, status });
  });

  router.post('/:userId/termination', validate({ params: userParams, body: terminationRequest }), async (_req, res) => {
    const { terminatedAt, reason } = res.locals.body;
    const view = await users.terminate(res.locals.params.userId, terminatedAt ?? new Date().toISOString(), reason);
    res.status(202).json(view);
  });

  router.post('/:userId/restore', validate({ params: userParams, body: optionalReasonRequest }), async (_req, res) => {
    res.json(await users.restore(res.locals.params.userId, res.locals.body.reason));
  });

  // Erasure is accepted, not done: the purge runs in the workflow after this answer.
  router.post('/:userId/erasure', validate({ params: userParams, body: reasonRequest }), async (_req, res) => {
    res.status(202).json(await users.erase(res.locals.params.userId, res.locals.body.reason));
  });

  router.post('/:userId/hold', validate({ params: userParams, body: reasonRequest }), async (_req, res) => {
    res.json(await users.hold(res.locals.params.userId, res.locals.body.reason));
  });

  router.post('/:userId/release', validate({ params: userParams, body: reasonRequest }), async (_req, res) => {
    res.json(await users.release(res.locals.params.userId, res.locals.body.reason));
  });

  router.get('/:userId/lifecycle', validate({ params: userParams }), async (_req, res) => {
    res.json(await users.lifecycle(res.locals.params.userId));
  });

  return router;
}
