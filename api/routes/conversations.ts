import express, { Router, type Request } from 'express';
import { parseInput } from '../../core/validation';
import { actOnConversation, type ConversationAction } from '../../core/services/conversations/act-on-conversation';
import { getConversation, messagePageSchema } from '../../core/services/conversations/get-conversation';
import { listTemplates } from '../../core/services/conversations/list-templates';
import { mediaParamsSchema, openMedia } from '../../core/services/conversations/open-media';
import { conversationFilterSchema, listConversations } from '../../core/services/conversations/list-conversations';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { callOf, requirePermission } from '../tenant-access';

/**
 * `/api/tenants/:tenant/conversations`: reads come from the read model; every
 * change is an Update to the conversation's thread workflow (with a deadline),
 * never a write to MongoDB from here. Bodies are JSON only (no cross-site forms).
 */
export function conversationRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: '64kb', type: 'application/json' });
  const act = (req: Request, action: ConversationAction) =>
    actOnConversation(deps, { ...callOf(req, deps), id: req.params.id, action });

  router.get(
    '/',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const filter = parseInput(conversationFilterSchema, req.query);
      res.json(await listConversations(deps, { ...callOf(req, deps), input: filter }));
    }),
  );

  router.get(
    '/:id',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const page = parseInput(messagePageSchema, req.query);
      res.json(await getConversation(deps, { ...callOf(req, deps), id: req.params.id, input: page }));
    }),
  );

  router.get(
    '/:id/messages/:messageId/media/:index',
    requirePermission('conversation:read'),
    asyncRoute(async (req, res) => {
      const input = parseInput(mediaParamsSchema, req.params);
      const opened = await openMedia(deps, { ...callOf(req, deps), id: req.params.id, input });
      if ('redirect' in opened) return res.redirect(302, opened.redirect);
      res.set({
        'content-type': opened.contentType,
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
        // A customer's file is shown, never run: an SVG's scripts stay inert on our origin.
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      });
      opened.body.on('error', () => res.destroy()).pipe(res);
    }),
  );

  router.get(
    '/:id/templates',
    requirePermission('conversation:handle'),
    asyncRoute(async (req, res) => {
      res.json(await listTemplates(deps, { ...callOf(req, deps), id: req.params.id }));
    }),
  );

  router.post(
    '/:id/messages',
    requirePermission('conversation:handle'),
    json,
    asyncRoute(async (req, res) => {
      res.status(201).json(await act(req, { kind: 'send', input: req.body }));
    }),
  );

  router.post(
    '/:id/ai',
    requirePermission('conversation:handle'),
    json,
    asyncRoute(async (req, res) => {
      res.json(await act(req, { kind: 'setAi', input: req.body }));
    }),
  );

  for (const action of ['close', 'archive', 'reopen'] as const) {
    router.post(
      `/:id/${action}`,
      requirePermission('conversation:handle'),
      asyncRoute(async (req, res) => {
        res.json(await act(req, { kind: action }));
      }),
    );
  }

  router.post(
    '/:id/insights',
    requirePermission('conversation:handle'),
    asyncRoute(async (req, res) => {
      res.json(await act(req, { kind: 'insights' }));
    }),
  );

  router.delete(
    '/:id',
    requirePermission('conversation:delete'),
    asyncRoute(async (req, res) => {
      res.json(await act(req, { kind: 'delete' }));
    }),
  );

  return router;
}
