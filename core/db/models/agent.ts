import { Schema, Types, type InferSchemaType } from 'mongoose';

/** An AI agent a tenant assigns to its numbers: who the AI is and how it answers. */
export const aiAgentSchema = new Schema(
  {
    tenantId: { type: Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true },
    systemPrompt: { type: String, required: true },
    /** An OpenAI (or compatible) chat model name, e.g. `gpt-4o-mini`. */
    model: { type: String, required: true },
    channels: {
      whatsapp: { type: Boolean, default: true },
    },
  },
  { timestamps: true },
);
aiAgentSchema.index({ tenantId: 1, name: 1 }, { unique: true });

export type AiAgent = InferSchemaType<typeof aiAgentSchema>;
