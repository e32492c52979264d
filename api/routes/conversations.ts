import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { getConversation, threadOf } from '../../core/services/conversations/get-conversation';
import { listConversations } from '../../core/services/conversations/list-conversations';
import { updateThread } from '../../core/temporal/conversation-updates';
import {
  archiveUpdate,
  closeUpdate,
  deleteConversationUpdate,
  generateInsightsUpdate,
  reopenUpdate,
  sendMessageUpdate,
  setAiEnabledUpdate,
} from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { asyncRoute } from '../http-errors';
import { memberOfResponse, requireMember } from './require-member';

const sendSchema = z
  .object({
    text: z.string().trim().min(1).max(4096).optional(),
    template: z
      .object({
        templateId: z.string().min(1).max(200),
        language: z.string().min(2).max(15).optional(),
        variables: z.record(z.string().max(1024)).optional(),
      })
      .optional(),
  })
  .refine((b) => Boolean(b.text) !== Boolean(b.template), { message: 'Send either text or a template' });
const aiSchema = z.object({ enabled: z.boolean() });
const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  before: z.string().datetime().optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
    throw new AppError('bad_request', result.error.issues.map((i) => i.message).join('; '), fields);
  }
  return result.data;
}

/**
 * `/api/tenants/:tenant/conversations`: reads come from the read model; every
 * change is an Update to the conversation's thread workflow (with a deadline),
 * never a write to MongoDB from here. Bodies are JSON only (no cross-site forms).
 */
export function conversationRoutes(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: '64kb', type: 'application/json' });
  const update = async <Ret, Args extends [unknown]>(
    req: Request,
    res: Response,
    def: Parameters<typeof updateThread<Ret, Args>>[3],
    extra: Omit<Args[0], 'conversationId' | 'actor'>,
  ) => {
    const member = memberOfResponse(res);
    const threadId = await threadOf(deps.db, member.membership.tenantId, req.params.id);
    const args = [{ ...extra, conversationId: req.params.id, actor: { userId: member.userId } }] as unknown as Args;
    return updateThread(deps.temporal, deps.config.UPDATE_DEADLINE_MS, threadId, def, args);
  };

  router.get(
    '/',
    requireMember(deps),
    asyncRoute(async (_req, res) => {
      const member = memberOfResponse(res);
      res.json({ conversations: await listConversations(deps.db, member.membership.tenantId) });
    }),
  );

  router.get(
    '/:id',
    requireMember(deps),
    asyncRoute(async (req, res) => {
      const page = parse(pageSchema, req.query);
      res.json(await getConversation(deps.db, memberOfResponse(res).membership.tenantId, req.params.id, page));
    }),
  );

  router.post(
    '/:id/messages',
    requireMember(deps, 'conversation:handle'),
    json,
    asyncRoute(async (req, res) => {
      const body = parse(sendSchema, req.body);
      res.status(201).json(await update(req, res, sendMessageUpdate, body));
    }),
  );

  router.post(
    '/:id/ai',
    requireMember(deps, 'conversation:handle'),
    json,
    asyncRoute(async (req, res) => {
      res.json(await update(req, res, setAiEnabledUpdate, parse(aiSchema, req.body)));
    }),
  );

  for (const [action, def] of [
    ['close', closeUpdate],
    ['archive', archiveUpdate],
    ['reopen', reopenUpdate],
  ] as const) {
    router.post(
      `/:id/${action}`,
      requireMember(deps, 'conversation:handle'),
      asyncRoute(async (req, res) => {
        res.json(await update(req, res, def, {}));
      }),
    );
  }

  router.post(
    '/:id/insights',
    requireMember(deps, 'conversation:read'),
    asyncRoute(async (req, res) => {
      res.json(await update(req, res, generateInsightsUpdate, {}));
    }),
  );

  router.delete(
    '/:id',
    requireMember(deps, 'conversation:delete'),
    asyncRoute(async (req, res) => {
      res.json(await update(req, res, deleteConversationUpdate, {}));
    }),
  );

  return router;
}
