import { Router } from 'express';
import { createAiAgent } from '../../core/services/agents/create-ai-agent';
import { deleteAiAgent } from '../../core/services/agents/delete-ai-agent';
import { getAiAgent } from '../../core/services/agents/get-ai-agent';
import { listAiAgents } from '../../core/services/agents/list-ai-agents';
import { updateAiAgent } from '../../core/services/agents/update-ai-agent';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { callOf, requirePermission } from '../tenant-access';

export function aiAgentRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const read = requirePermission('ai-agent:read');
  const manage = requirePermission('ai-agent:manage');

  router.get(
    '/',
    read,
    asyncRoute(async (req, res) => {
      res.json({ aiAgents: await listAiAgents(deps, callOf(req, deps)) });
    }),
  );
  router.post(
    '/',
    manage,
    asyncRoute(async (req, res) => {
      res.status(201).json(await createAiAgent(deps, { ...callOf(req, deps), input: req.body }));
    }),
  );
  router.get(
    '/:id',
    read,
    asyncRoute(async (req, res) => {
      res.json(await getAiAgent(deps, { ...callOf(req, deps), id: req.params.id }));
    }),
  );
  router.put(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await updateAiAgent(deps, { ...callOf(req, deps), id: req.params.id, input: req.body }));
    }),
  );
  router.delete(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      await deleteAiAgent(deps, { ...callOf(req, deps), id: req.params.id });
      res.status(204).end();
    }),
  );
  return router;
}
