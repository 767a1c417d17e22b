import { Schema, model, type InferSchemaType } from 'mongoose';

export const roles = ['admin', 'moderator'] as const;
export type Role = (typeof roles)[number];

/** A back-office account. Passwords are stored as argon2id hashes only. */
const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, default: '' },
    role: { type: String, enum: roles, required: true },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);

export type User = InferSchemaType<typeof userSchema>;
export const UserModel = model('User', userSchema);
