import { Schema, Types, type InferSchemaType } from 'mongoose';

/**
 * When a person last had a conversation open. The conversations table marks a
 * conversation unread for them when the customer wrote after that.
 */
export const conversationReadSchema = new Schema({
  tenantId: { type: Types.ObjectId, required: true },
  userId: { type: Types.ObjectId, required: true },
  conversationId: { type: String, required: true },
  seenAt: { type: Date, required: true },
});
conversationReadSchema.index({ tenantId: 1, userId: 1, conversationId: 1 }, { unique: true });

export type ConversationRead = InferSchemaType<typeof conversationReadSchema>;
