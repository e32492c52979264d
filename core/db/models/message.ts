import { Schema, Types, type InferSchemaType } from 'mongoose';

export const MESSAGE_STATUSES = [
  'received',
  'pending',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'undelivered',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const messageSchema = new Schema(
  {
    /** Deterministic (inbound: from the provider id), so a retried write is the same write. */
    _id: { type: String, required: true },
    tenantId: { type: Types.ObjectId, required: true },
    conversationId: { type: String, required: true },
    direction: { type: String, enum: ['inbound', 'outbound'], required: true },
    author: { type: String, enum: ['customer', 'ai', 'human'], required: true },
    text: { type: String, default: '' },
    media: [{ _id: false, url: String, contentType: String }],
    /** A shared location or contact cards (ADR 0120): kept with their structure, the text stays the caption. */
    location: { type: { _id: false, latitude: Number, longitude: Number, name: String, address: String } },
    contacts: { type: [{ _id: false, name: String, phones: [String] }], default: undefined },
    /**
     * This message is a reaction to `providerMessageId`. `attached`: that message is in the same
     * conversation and carries it in `reactions`; otherwise this is shown as a note line.
     */
    reaction: { type: { _id: false, providerMessageId: String, emoji: String, attached: Boolean } },
    /** Reactions on this message, one per reactor (WhatsApp allows one each). */
    reactions: { type: [{ _id: false, by: String, emoji: String }], default: undefined },
    /** The provider id of the message this one quotes. */
    quotedProviderMessageId: { type: String },
    /**
     * Twilio MessageSid / Meta wamid. Unique per tenant: the last guard against a
     * redelivered webhook. Always set (FerretDB has no partial unique indexes): an
     * outbound message carries `pending:{_id}` until the provider has given its id.
     */
    providerMessageId: { type: String, required: true },
    status: { type: String, enum: MESSAGE_STATUSES, required: true },
    errorCode: { type: String },
    /** For people: why a send failed, in plain words. */
    errorMessage: { type: String },
    /** A member's user id for a human reply. */
    sentBy: { type: Types.ObjectId },
    /** Template sends: the template (Twilio Content SID / Meta template name). */
    templateId: { type: String },
    /**
     * Set just before the provider is called, cleared when the provider answered
     * with an error. Still set on a retry = the outcome of the last call is unknown,
     * and sending again could send twice.
     */
    sendAttemptedAt: { type: Date },
    sentAt: { type: Date, required: true },
  },
  { timestamps: true },
);
messageSchema.index({ tenantId: 1, providerMessageId: 1 }, { unique: true });
// A chat's pages, newest first (core/services/conversations/get-conversation.ts).
messageSchema.index({ tenantId: 1, conversationId: 1, sentAt: -1 });

export type Message = InferSchemaType<typeof messageSchema>;
