import { Schema, type InferSchemaType } from 'mongoose';

export const tenantSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true, match: /^[a-z0-9][a-z0-9-]{1,40}$/ },
    name: { type: String, required: true },
    settings: {
      /** A customer message unanswered by a person this long raises an escalation. */
      escalationDelaySeconds: { type: Number, default: 300 },
      /** An open conversation with no activity this long is closed. */
      autoCloseAfterSeconds: { type: Number, default: 24 * 3600 },
    },
  },
  { timestamps: true },
);

export type Tenant = InferSchemaType<typeof tenantSchema>;
