import { Schema, Types, type InferSchemaType } from 'mongoose';

export const EVENT_TYPES = ['message', 'message_status', 'conversation', 'notification'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The live-update log (DESIGN.md "Real time"): writers (activities, webhooks)
 * append; every api process tails it per tenant by `seq` and streams it as SSE.
 * A shared collection, not process memory, so many api and worker hosts work.
 * `seq` comes from the per-tenant counter in `event_counters` (core/events).
 */
export const eventSchema = new Schema(
  {
    tenantId: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    type: { type: String, enum: EVENT_TYPES, required: true },
    conversationId: { type: String },
    data: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
eventSchema.index({ tenantId: 1, seq: 1 }, { unique: true });

export const eventCounterSchema = new Schema(
  { _id: { type: Types.ObjectId, required: true }, seq: { type: Number, default: 0 } },
  { versionKey: false },
);

export type HeliosEvent = InferSchemaType<typeof eventSchema>;
