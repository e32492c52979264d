import { Schema, Types, type InferSchemaType } from 'mongoose';

/** A tenant-wide saved reply, inserted with `/` in the composer (ADR 0115). */
export const cannedResponseSchema = new Schema(
  {
    tenantId: { type: Types.ObjectId, required: true },
    title: { type: String, required: true, trim: true },
    /** May hold placeholders such as `{{customer.name}}` (core/services/canned-responses/placeholders.ts). */
    text: { type: String, required: true },
  },
  { timestamps: true },
);
cannedResponseSchema.index({ tenantId: 1, title: 1 }, { unique: true });

export type CannedResponse = InferSchemaType<typeof cannedResponseSchema>;
