import { Schema, Types, type InferSchemaType } from 'mongoose';

/** A tenant's Twilio account. The auth token is stored only encrypted (core/crypto). */
export const twilioIntegrationSchema = new Schema(
  {
    tenantId: { type: Types.ObjectId, required: true, unique: true },
    accountSid: { type: String, required: true, match: /^AC[0-9a-fA-F]{32}$/ },
    authTokenEncrypted: { type: String, required: true },
    status: { type: String, enum: ['connected', 'invalid'], default: 'connected' },
    checkedAt: { type: Date },
  },
  { timestamps: true },
);

export type TwilioIntegration = InferSchemaType<typeof twilioIntegrationSchema>;
