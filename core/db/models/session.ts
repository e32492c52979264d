import { Schema, Types, type InferSchemaType } from 'mongoose';

/**
 * A signed-in browser or API client. The cookie carries a random id; only its
 * SHA-256 is stored here, so a copy of the database opens no session.
 * Deleting the document signs that client out (docs/decisions/0062).
 */
export const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true },
);
sessionSchema.index({ userId: 1 });

export type Session = InferSchemaType<typeof sessionSchema>;
