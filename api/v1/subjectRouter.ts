// The service API's routes for one lifecycle kind, under /api/v1/<plural>/{<kind>Id}: provisioning,
// and the lifecycle actions services call when someone leaves (or comes back). Every kind has the
// same routes; what differs (the provisioning body, the report) comes from its registration.
// Express 5 hands rejected handlers to the error middleware.
import { Router } from 'express';
import { z } from 'zod';
import type { KindRegistration, SubjectService } from '../../lifecycles/registration';
import { opaqueId, optionalReasonRequest, reasonRequest, terminationRequest } from '../../lifecycles/shared/fields';
import type { ActionNoteInput } from '../../lifecycles/shared/actionNotes';
import { validate } from '../validate';

type ActionNoteRequest = Omit<ActionNoteInput, 'reasonCode' | 'note'> & { reasonCode?: string; note?: string };

/** `{ userId }`, `{ customerId }`: the path parameter a kind's routes take. */
export function subjectParams(registration: Pick<KindRegistration, 'kind'>) {
  return z.strictObject({ [`${registration.kind.name}Id`]: opaqueId });
}

/** Keeps the note a reason code came with, beside the subject's data (lifecycles/shared/actionNotes.ts). */
export type NoteSink = (note: ActionNoteRequest) => Promise<void>;

export function subjectRouter(registration: KindRegistration, service: SubjectService, keepNote: NoteSink): Router {
  const router = Router();
  const idParam = `${registration.kind.name}Id`;
  const subjectKind = registration.kind.name;
  /** After the action was accepted: its note, if any, joins the subject's data. */
  const noted = async <T>(
    locals: { params: Record<string, string>; body: { reason?: string; note?: string } },
    action: string,
    result: T,
  ): Promise<T> => {
    await keepNote({ subjectKind, subjectId: id(locals), action, reasonCode: locals.body.reason, note: locals.body.note });
    return result;
  };
  const params = subjectParams(registration);
  const id = (locals: { params: Record<string, string> }) => locals.params[idParam]!;

  router.put(`/:${idParam}`, validate({ params, body: registration.schemas.provisioning }), async (_req, res) => {
    const subjectId = id(res.locals);
    const { created, status, lifecycleStarted } = await service.provision(subjectId, res.locals.body as never);
    res.status(created ? 201 : 200).json({ id: subjectId, status, lifecycleStarted });
  });

  // Accepted, not done: what follows (cascade, purge, anonymisation) runs in the workflow.
  router.post(`/:${idParam}/termination`, validate({ params, body: terminationRequest }), async (_req, res) => {
    const { terminatedAt, reason } = res.locals.body;
    const report = await service.terminate(id(res.locals), terminatedAt ?? new Date().toISOString(), reason);
    res.status(202).json(await noted(res.locals, 'terminate', report));
  });

  router.post(`/:${idParam}/restore`, validate({ params, body: optionalReasonRequest }), async (_req, res) => {
    res.json(await noted(res.locals, 'restore', await service.restore(id(res.locals), res.locals.body.reason)));
  });

  router.post(`/:${idParam}/erasure`, validate({ params, body: reasonRequest }), async (_req, res) => {
    res.status(202).json(await noted(res.locals, 'erase', await service.erase(id(res.locals), res.locals.body.reason)));
  });

  router.post(`/:${idParam}/hold`, validate({ params, body: reasonRequest }), async (_req, res) => {
    res.json(await noted(res.locals, 'hold', await service.hold(id(res.locals), res.locals.body.reason)));
  });

  router.post(`/:${idParam}/release`, validate({ params, body: reasonRequest }), async (_req, res) => {
    res.json(await noted(res.locals, 'release', await service.release(id(res.locals), res.locals.body.reason)));
  });

  router.get(`/:${idParam}/lifecycle`, validate({ params }), async (_req, res) => {
    res.json(await service.lifecycle(id(res.locals)));
  });

  return router;
}
