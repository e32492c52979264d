import { Schema, Types, type InferSchemaType } from 'mongoose';
import { TIMELINE_ACTORS, TIMELINE_KINDS } from '../../../workflows/timeline';

/**
 * Something that happened to a conversation besides a message, shown as a small line in the
 * thread (workflows/timeline.ts). Written by activities from what the workflow decided, and by
 * a number's deletion for all conversations of that number at once (`numberId` instead of
 * `conversationId`). `_id` is deterministic, so a retried activity writes one line.
 */
export const timelineEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: Types.ObjectId, required: true },
    conversationId: { type: String },
    numberId: { type: Types.ObjectId },
    kind: { type: String, enum: TIMELINE_KINDS, required: true },
    by: { type: String, enum: TIMELINE_ACTORS, required: true },
    /** A string, not an ObjectId: the workflow passes on whatever actor it was given. */
    byUserId: { type: String },
    reason: { type: String },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
timelineEventSchema.index({ tenantId: 1, conversationId: 1, at: 1 });
timelineEventSchema.index({ tenantId: 1, numberId: 1, at: 1 });

export type TimelineEvent = InferSchemaType<typeof timelineEventSchema>;
