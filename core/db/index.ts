import mongoose, { type Connection } from 'mongoose';
import { tenantSchema } from './models/tenant';
import { membershipSchema, userSchema } from './models/user';
import { metaIntegrationSchema, twilioIntegrationSchema } from './models/integration';
import { aiAgentSchema } from './models/agent';
import { cannedResponseSchema } from './models/canned-response';
import { notificationHeadSchema, notificationSchema } from './models/notification';
import { eventSchema } from './models/event';
import { whatsAppNumberSchema } from './models/number';
import { conversationSchema } from './models/conversation';
import { messageSchema } from './models/message';
import { conversationReadSchema } from './models/conversation-read';
import { sessionSchema } from './models/session';
import { unroutedMessageSchema } from './models/unrouted-message';
import { timelineEventSchema } from './models/timeline-event';

/** Models bound to one connection, so a test can use a database of its own. */
function registerModels(connection: Connection) {
  return {
    connection,
    Tenant: connection.model('Tenant', tenantSchema),
    User: connection.model('User', userSchema),
    Membership: connection.model('Membership', membershipSchema),
    Session: connection.model('Session', sessionSchema),
    TwilioIntegration: connection.model('TwilioIntegration', twilioIntegrationSchema),
    WhatsAppNumber: connection.model('WhatsAppNumber', whatsAppNumberSchema, 'whatsapp_numbers'),
    Conversation: connection.model('Conversation', conversationSchema),
    Message: connection.model('Message', messageSchema),
    ConversationRead: connection.model('ConversationRead', conversationReadSchema, 'conversation_reads'),
    MetaIntegration: connection.model('MetaIntegration', metaIntegrationSchema),
    AiAgent: connection.model('AiAgent', aiAgentSchema, 'ai_agents'),
    CannedResponse: connection.model('CannedResponse', cannedResponseSchema, 'canned_responses'),
    UnroutedMessage: connection.model('UnroutedMessage', unroutedMessageSchema, 'unrouted_messages'),
    Notification: connection.model('Notification', notificationSchema),
    NotificationHead: connection.model('NotificationHead', notificationHeadSchema, 'notification_heads'),
    Event: connection.model('Event', eventSchema),
    TimelineEvent: connection.model('TimelineEvent', timelineEventSchema, 'timeline_events'),
  };
}

export type Db = ReturnType<typeof registerModels>;

export async function connectDb(uri: string, dbName: string): Promise<Db> {
  // Indexes are created once, awaited, here: the unique ones are part of correctness.
  // No buffering: with the database down, an operation fails within the server-selection
  // timeout (a 503 the provider retries) instead of queueing behind Mongoose's 10 s buffer,
  // longer than Twilio waits (ADR 0100). Nothing runs a query before this promise resolves.
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 5_000,
    bufferCommands: false,
    autoIndex: false,
  });
  await connection.asPromise();
  const db = registerModels(connection);
  for (const model of Object.values(connection.models)) await model.createIndexes();
  return db;
}

export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * The database did not answer (server stopped, unreachable, connection lost mid-way):
 * nothing was wrong with the request, and the same request can succeed in a moment.
 * (Mongoose's "buffering timed out" cannot happen: connectDb turns buffering off.)
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return (
    err instanceof mongoose.mongo.MongoNetworkError ||
    err instanceof mongoose.mongo.MongoServerSelectionError ||
    err instanceof mongoose.Error.MongooseServerSelectionError
  );
}
