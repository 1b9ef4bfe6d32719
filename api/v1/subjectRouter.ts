// The service API's routes for one lifecycle kind, under /api/v1/<plural>/{<kind>Id} (or, for a kind
// with a parent, /api/v1/<parent plural>/{<parent>Id}/<plural>/{<kind>Id}): provisioning, and the
// lifecycle actions services call when someone leaves (or comes back). Every kind has the same
// routes; what differs (the provisioning body, the termination's name and body, the report) comes
// from its registration. Express 5 hands rejected handlers to the error middleware.
import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../lifecycles/errors';
import type { KindRegistration, SubjectService } from '../../lifecycles/registration';
import { LIFECYCLE_KINDS } from '../../lifecycles/registry';
import { opaqueId, optionalReasonRequest, reasonRequest, terminationRequest } from '../../lifecycles/shared/fields';
import type { ActionNoteInput } from '../../lifecycles/shared/actionNotes';
import { validate } from '../validate';

type ActionNoteRequest = Omit<ActionNoteInput, 'reasonCode' | 'note'> & { reasonCode?: string; note?: string };

/** Runs an action with the note its reason code came with, kept beside the subject's data (lifecycles/shared/actionNotes.ts). */
export type NoteSink = <T>(note: ActionNoteRequest, act: () => Promise<T>) => Promise<T>;

type Registration = Pick<KindRegistration, 'kind' | 'parent'>;

/** `{ userId }`, `{ customerId, contactId }`: the path parameters a kind's routes take. */
export function subjectParams(registration: Registration) {
  const parent = registration.parent ? { [`${registration.parent}Id`]: opaqueId } : {};
  return z.strictObject({ ...parent, [`${registration.kind.name}Id`]: opaqueId });
}

/** Where a kind's routes are mounted, in Express's syntax (`:customerId`) or OpenAPI's (`{customerId}`). */
export function collectionPath(registration: Pick<KindRegistration, 'plural' | 'parent'>, style: 'express' | 'openapi'): string {
  if (!registration.parent) return `/api/v1/${registration.plural}`;
  const param = `${registration.parent}Id`;
  const parent = LIFECYCLE_KINDS[registration.parent];
  return `/api/v1/${parent.plural}/${style === 'express' ? `:${param}` : `{${param}}`}/${registration.plural}`;
}

/** The termination route's last segment and body: `termination` with a TerminationRequest unless the kind says otherwise. */
export function terminationRoute(registration: Pick<KindRegistration, 'termination'>) {
  return {
    path: registration.termination?.path ?? 'termination',
    schemaName: registration.termination?.schemaName ?? 'TerminationRequest',
    body: registration.termination?.body ?? terminationRequest,
    read: (body: unknown): { terminatedAt?: string; reason?: string; note?: string } =>
      registration.termination ? registration.termination.read(body as never) : (body as z.output<typeof terminationRequest>),
  };
}

export function subjectRouter(registration: KindRegistration, service: SubjectService, keepNote: NoteSink): Router {
  // mergeParams: a nested kind reads its parent's ID from the mount path.
  const router = Router({ mergeParams: true });
  const idParam = `${registration.kind.name}Id`;
  const parentParam = registration.parent ? `${registration.parent}Id` : null;
  const params = subjectParams(registration);
  const termination = terminationRoute(registration);
  type Locals = { params: Record<string, string> };
  const parentOf = (locals: Locals) => (parentParam ? locals.params[parentParam]! : '');
  /** The subject the route names; under a parent, only one of the parent's (another's answers 404). */
  const id = async (locals: Locals): Promise<string> => {
    const subjectId = locals.params[idParam]!;
    if (parentParam && !(await service.belongsTo?.(subjectId, parentOf(locals)))) {
      throw new NotFoundError(`${registration.kind.name} ${subjectId} not found under ${registration.parent} ${parentOf(locals)}`);
    }
    return subjectId;
  };
  /** The action with its note (if any): kept first, taken back if the action is refused (withActionNote). */
  const noted = <T>(subjectId: string, action: string, body: { reason?: string; note?: string }, act: () => Promise<T>): Promise<T> =>
    keepNote({ subjectKind: registration.kind.name, subjectId, action, reasonCode: body.reason, note: body.note }, act);

  router.put(`/:${idParam}`, validate({ params, body: registration.schemas.provisioning }), async (_req, res) => {
    const subjectId = res.locals.params[idParam]!;
    const { created, status, lifecycleStarted } = await service.provision(subjectId, res.locals.body as never, parentOf(res.locals));
    res.status(created ? 201 : 200).json({ id: subjectId, status, lifecycleStarted });
  });

  // Accepted, not done: what follows (cascade, purge, anonymisation) runs in the workflow.
  router.post(`/:${idParam}/${termination.path}`, validate({ params, body: termination.body }), async (_req, res) => {
    const { terminatedAt, reason, note } = termination.read(res.locals.body);
    const subjectId = await id(res.locals);
    res
      .status(202)
      .json(
        await noted(subjectId, 'terminate', { reason, note }, () =>
          service.terminate(subjectId, terminatedAt ?? new Date().toISOString(), reason),
        ),
      );
  });

  router.post(`/:${idParam}/restore`, validate({ params, body: optionalReasonRequest }), async (_req, res) => {
    const subjectId = await id(res.locals);
    res.json(await noted(subjectId, 'restore', res.locals.body, () => service.restore(subjectId, res.locals.body.reason)));
  });

  router.post(`/:${idParam}/erasure`, validate({ params, body: reasonRequest }), async (_req, res) => {
    const subjectId = await id(res.locals);
    res.status(202).json(await noted(subjectId, 'erase', res.locals.body, () => service.erase(subjectId, res.locals.body.reason)));
  });

  router.post(`/:${idParam}/hold`, validate({ params, body: reasonRequest }), async (_req, res) => {
    const subjectId = await id(res.locals);
    res.json(await noted(subjectId, 'hold', res.locals.body, () => service.hold(subjectId, res.locals.body.reason)));
  });

  router.post(`/:${idParam}/release`, validate({ params, body: reasonRequest }), async (_req, res) => {
    const subjectId = await id(res.locals);
    res.json(await noted(subjectId, 'release', res.locals.body, () => service.release(subjectId, res.locals.body.reason)));
  });

  router.get(`/:${idParam}/lifecycle`, validate({ params }), async (_req, res) => {
    res.json(await service.lifecycle(await id(res.locals)));
  });

  return router;
}
