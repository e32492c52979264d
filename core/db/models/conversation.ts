import { Schema, Types, type InferSchemaType } from 'mongoose';

export const CONVERSATION_STATUSES = ['open', 'closed', 'archived'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * Read model of one conversation. The thread workflow owns the state; activities
 * write this document so pages can list and filter without asking Temporal.
 * `_id` is created by the workflow, so a retried activity writes the same document.
 */
export const conversationSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: Types.ObjectId, required: true },
    numberId: { type: Types.ObjectId, required: true },
    /** Temporal workflow ID of the customer's thread. */
    threadId: { type: String, required: true },
    customerKey: { type: String, required: true },
    customer: {
      address: { type: String, required: true },
      profileName: { type: String },
    },
    status: { type: String, enum: CONVERSATION_STATUSES, default: 'open' },
    aiEnabled: { type: Boolean, default: true },
    lastMessageAt: { type: Date, required: true },
    lastMessagePreview: { type: String, default: '' },
    lastInboundAt: { type: Date },
    closedAt: { type: Date },
    archivedAt: { type: Date },
    insights: {
      sentiment: { type: String, enum: ['positive', 'neutral', 'negative'] },
      /** -1 (very negative) … 1 (very positive). */
      score: { type: Number },
      summary: { type: String },
      /** `openai` (model named in `model`) or `offline` (the local analyser). */
      source: { type: String, enum: ['openai', 'offline'] },
      model: { type: String },
      generatedAt: { type: Date },
    },
    /** Delete keeps this tombstone as the audit record: who deleted it and when. Messages are gone. */
    deleted: {
      at: { type: Date },
      byUserId: { type: Types.ObjectId },
    },
  },
  { timestamps: true },
);
// The list's orders and filters (core/services/conversations/list-conversations.ts), for
// MongoDB; FerretDB on SQLite keeps them but reads the collection whole (ADR 0082).
conversationSchema.index({ tenantId: 1, lastMessageAt: -1 });
conversationSchema.index({ tenantId: 1, status: 1, lastMessageAt: -1 });
conversationSchema.index({ tenantId: 1, numberId: 1, lastMessageAt: -1 });
conversationSchema.index({ tenantId: 1, threadId: 1 });

export type Conversation = InferSchemaType<typeof conversationSchema>;
