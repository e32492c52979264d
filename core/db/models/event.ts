import { Schema, Types, type InferSchemaType } from 'mongoose';

export const EVENT_TYPES = ['message', 'message_status', 'conversation', 'notification'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** Fills a seq no writer stored in time (core/events/tail.ts); never delivered. */
export const GAP_MARKER = 'gap';

/**
 * The live-update log (DESIGN.md "Real time"): writers (activities, webhooks)
 * append; every api process tails it per tenant by `seq` and streams it as SSE.
 * A shared collection, not process memory, so many api and worker hosts work.
 * `seq` is dense per tenant, claimed by the insert itself under the unique index
 * (core/events/append-event.ts, ADR 0080).
 */
export const eventSchema = new Schema(
  {
    /**
     * `{tenantId}:{seq}` (eventId): readers fetch the next seq by `_id`, the one
     * lookup the embedded store does without reading the whole log (ADR 0082).
     * Events stored before that have an ObjectId here.
     */
    _id: { type: String },
    tenantId: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    type: { type: String, enum: [...EVENT_TYPES, GAP_MARKER], required: true },
    conversationId: { type: String },
    data: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, default: () => new Date() },
    /** Set by the writer that inserted it: after a lost race, how it knows which of its inserts got in. */
    claim: { type: String },
  },
  { versionKey: false },
);
eventSchema.index({ tenantId: 1, seq: 1 }, { unique: true });
eventSchema.pre('validate', function () {
  // Events written by hand (tests, scripts) get the same _id the writer gives them.
  this._id ??= eventId(String(this.tenantId), this.seq);
});

export function eventId(tenantId: Types.ObjectId | string, seq: number): string {
  return `${String(tenantId)}:${seq}`;
}

export type HeliosEvent = InferSchemaType<typeof eventSchema>;
