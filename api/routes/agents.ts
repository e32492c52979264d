import { Router } from 'express';
import { notFound } from '../../core/errors';
import { getAiAgent, listAiAgents } from '../../core/services/agents/list-ai-agents';
import { createAiAgent, deleteAiAgent, updateAiAgent } from '../../core/services/agents/save-ai-agent';
import { objectIdOr404 } from '../../core/services/ids';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { requirePermission, scopeOf } from '../tenant-access';

export function aiAgentRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const read = requirePermission('ai-agent:read');
  const manage = requirePermission('ai-agent:manage');

  router.get(
    '/',
    read,
    asyncRoute(async (req, res) => {
      res.json({ aiAgents: await listAiAgents(deps.db, scopeOf(req, deps).tenantId) });
    }),
  );
  router.post(
    '/',
    manage,
    asyncRoute(async (req, res) => {
      res.status(201).json(await createAiAgent(deps.db, scopeOf(req, deps).tenantId, req.body));
    }),
  );
  router.get(
    '/:id',
    read,
    asyncRoute(async (req, res) => {
      const agent = await getAiAgent(deps.db, scopeOf(req, deps).tenantId, objectIdOr404(req.params.id, 'AI agent'));
      if (!agent) throw notFound('AI agent');
      res.json(agent);
    }),
  );
  router.put(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      res.json(await updateAiAgent(deps.db, scopeOf(req, deps).tenantId, req.params.id, req.body));
    }),
  );
  router.delete(
    '/:id',
    manage,
    asyncRoute(async (req, res) => {
      await deleteAiAgent(deps.db, scopeOf(req, deps).tenantId, req.params.id);
      res.status(204).end();
    }),
  );
  return router;
}
