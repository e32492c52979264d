import { Schema, Types, type InferSchemaType } from 'mongoose';

/** A WhatsApp number a tenant has connected, through Twilio or Meta's Cloud API. */
export const whatsAppNumberSchema = new Schema(
  {
    tenantId: { type: Types.ObjectId, required: true },
    provider: { type: String, enum: ['twilio', 'meta'], required: true },
    /** `whatsapp:+14155238886`: the routing key for Twilio webhooks (`To`). */
    address: { type: String, required: true },
    displayName: { type: String, required: true },
    active: { type: Boolean, default: false },
    aiAgentId: { type: Types.ObjectId },
    meta: {
      phoneNumberId: { type: String },
      businessAccountId: { type: String },
      accessTokenEncrypted: { type: String },
    },
  },
  { timestamps: true },
);
whatsAppNumberSchema.index({ tenantId: 1, address: 1 }, { unique: true });
// A number routes to one tenant only: unique across tenants (the connect pre-check explains, this decides races).
whatsAppNumberSchema.index({ address: 1 }, { unique: true });

export type WhatsAppNumber = InferSchemaType<typeof whatsAppNumberSchema>;
