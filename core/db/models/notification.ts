import { Schema, Types, type InferSchemaType } from 'mongoose';

export const NOTIFICATION_KINDS = ['escalation', 'new_message', 'delivery_failed', 'unrouted_message'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * An alert for the people of a tenant, linked to a conversation (unrouted_message:
 * to `unrouted:{address}`, the number it was sent to). Read state is
 * per user (`readBy`), so one person marking it read does not hide it from others.
 */
export const notificationSchema = new Schema(
  {
    /** Deterministic where a workflow raises it, so a retried activity inserts once. */
    _id: { type: String, required: true },
    tenantId: { type: Types.ObjectId, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    conversationId: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    readBy: [{ type: Types.ObjectId }],
    /** Only members whose role has this permission see it (unset: everyone in the tenant). */
    requires: { type: String },
    /** new_message: how many messages this one notification stands for. */
    count: { type: Number, default: 1 },
  },
  { timestamps: true },
);
notificationSchema.index({ tenantId: 1, createdAt: -1 });
notificationSchema.index({ tenantId: 1, conversationId: 1, kind: 1 });

export type Notification = InferSchemaType<typeof notificationSchema>;

/**
 * Which notification a coalescing kind (new_message) of one conversation is
 * refreshing, `_id` `{tenantId}:{kind}:{conversationId}`: found by `_id`, where a
 * query for "the unread one of this conversation" reads every notification on
 * the embedded store, once per inbound message (ADR 0082).
 */
export const notificationHeadSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: Types.ObjectId, required: true },
    notificationId: { type: String, required: true },
  },
  { versionKey: false },
);
