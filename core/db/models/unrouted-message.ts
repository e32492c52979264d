import { Schema, Types, type InferSchemaType } from 'mongoose';

/**
 * A customer message that reached a tenant's webhook for a number the tenant
 * has not connected (Twilio `To`, Meta `phone_number_id`): kept so that
 * connecting the number hands it to its thread instead of losing it.
 * Bounded per tenant (docs/decisions/0070).
 */
export const unroutedMessageSchema = new Schema(
  {
    /** `{provider}:{providerMessageId}`: a redelivered webhook records the message once. */
    _id: { type: String, required: true },
    tenantId: { type: Types.ObjectId, required: true },
    provider: { type: String, enum: ['twilio', 'meta'], required: true },
    /** The number it was sent to, as a number's `address`: `whatsapp:+E164` or `meta:{phoneNumberId}`. */
    to: { type: String, required: true },
    /** The inbound message exactly as the thread workflow takes it (InboundMessage). */
    message: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true },
);
unroutedMessageSchema.index({ tenantId: 1, createdAt: -1 });
unroutedMessageSchema.index({ tenantId: 1, to: 1 });

export type UnroutedMessage = InferSchemaType<typeof unroutedMessageSchema>;
