import { Router } from 'express';
import { createCannedResponse } from '../../core/services/canned-responses/create-canned-response';
import { deleteCannedResponse } from '../../core/services/canned-responses/delete-canned-response';
import { getCannedResponse } from '../../core/services/canned-responses/get-canned-response';
import { listCannedResponses } from '../../core/services/canned-responses/list-canned-responses';
import { updateCannedResponse } from '../../core/services/canned-responses/update-canned-response';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { callOf, requirePermission } from '../tenant-access';

export function cannedResponseRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const read = requirePermission('canned-response:read');
  const manage = requirePermission('canned-response:manage');

  router.get(
    '/',
    read,
    asyncRoute(async (req, res) => {
      res.json({ cannedResponses: await listCannedResponses(deps, callOf(req, deps)) });
    }),
  );
  router.post(
    '/',
    manage,
    asyncRoute(async (req, res) => {
      res.status(201).json(await createCannedResponse(deps, { ...callOf(req, deps), input: req.body }));
    }),
  );
  router.get(
    '/:id',
    read,
    asyncRoute(async (req, res) => {
      res.json(await getCannedResponse(deps, { ...callOf(req, deps), id: req.params.id }));
    }),
  );
  router.put(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await updateCannedResponse(deps, { ...callOf(req, deps), id: req.params.id, input: req.body }));
    }),
  );
  router.delete(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      await deleteCannedResponse(deps, { ...callOf(req, deps), id: req.params.id });
      res.status(204).end();
    }),
  );
  return router;
}
