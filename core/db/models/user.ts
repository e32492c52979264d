import { Schema, Types, type InferSchemaType } from 'mongoose';

export const ROLES = ['owner', 'admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
  },
  { timestamps: true },
);

export const membershipSchema = new Schema(
  {
    tenantId: { type: Types.ObjectId, required: true },
    userId: { type: Types.ObjectId, required: true },
    role: { type: String, enum: ROLES, required: true },
  },
  { timestamps: true },
);
membershipSchema.index({ tenantId: 1, userId: 1 }, { unique: true });
membershipSchema.index({ userId: 1 });

export type User = InferSchemaType<typeof userSchema>;
export type Membership = InferSchemaType<typeof membershipSchema>;
