import { sendMessageSchema, setAiSchema } from '../../core/services/conversations/act-on-conversation';
import { messagePageSchema } from '../../core/services/conversations/get-conversation';
import { conversationFilterSchema } from '../../core/services/conversations/list-conversations';
import { mediaParamsSchema } from '../../core/services/conversations/open-media';
import { notificationPageSchema } from '../../core/services/notifications/list-notifications';
import { room, type ErrorStatus } from './build';
import * as answer from './responses';

const T = '/api/tenants/{tenant}';
const read = room(T, 'conversation:read');
const handle = room(`${T}/conversations/{id}`, 'conversation:handle');
const remove = room(`${T}/conversations/{id}`, 'conversation:delete');
// A change is an Update to the thread workflow: it may refuse (409) or not answer in time (503).
const UPDATE: ErrorStatus[] = [409, 503];
const change = { answer: answer.ConversationChange, errors: UPDATE };

/** The inbox: live events, conversations and notifications (api/routes/events.ts, conversations.ts, notifications.ts). */
export const conversationOperations = [
  read.get(
    '/events',
    'Live updates as Server-Sent Events (message, message_status, conversation, notification); send Last-Event-ID to resume',
    { answers: answer.EventStream },
  ),
  read.get('/conversations', 'Conversations, latest activity first, filtered and paginated', {
    query: conversationFilterSchema,
    answer: answer.ConversationPage,
    errors: [400],
  }),
  read.get('/conversations/{id}', 'A conversation and a page of its messages (newest last)', {
    query: messagePageSchema,
    answer: answer.ConversationDetail,
    errors: [400],
  }),
  remove.delete('', 'Delete: removes its messages and notifications; the deletion is audit-logged', change),
  handle.post(
    '/messages',
    'Send a message (text inside the 24-hour window, or a template); a provider refusal comes back in words (422)',
    { body: sendMessageSchema.openapi('SendMessageBody'), ...change, status: 201, errors: [400, 422, ...UPDATE] },
  ),
  handle.post('/ai', 'Turn the AI on or off for this conversation', {
    body: setAiSchema.openapi('SetAiBody'),
    ...change,
    errors: [400, ...UPDATE],
  }),
  handle.post('/close', 'Close an open conversation', change),
  handle.post('/archive', 'Archive a closed conversation', change),
  handle.post('/reopen', 'Reopen a closed or archived conversation', change),
  read.get(
    '/conversations/{id}/messages/{messageId}/media/{index}',
    'A customer’s attachment: fetched from Twilio or Meta with the tenant’s credentials (or a redirect to a public URL)',
    { params: mediaParamsSchema, answers: answer.MediaFile, errors: [400, 503] },
  ),
  handle.get(
    '/templates',
    'The WhatsApp templates approved for this conversation’s number (to send outside the 24-hour window)',
    { answer: answer.TemplateList, errors: UPDATE },
  ),
  handle.post('/insights', 'Generate AI insights: sentiment and summary (offline analyser without OpenAI)', change),

  read.get('/notifications', 'Your notifications: unread first, then newest', {
    query: notificationPageSchema,
    answer: answer.NotificationPage,
    errors: [400],
  }),
  read.post('/notifications/read-all', 'Mark all notifications read (for you)', { answer: answer.Updated }),
  read.post('/notifications/{id}/read', 'Mark one notification read (for you)', { answer: answer.Updated }),
];
