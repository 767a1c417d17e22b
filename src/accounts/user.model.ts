import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { reportWrites } from '../lib/followed-collection';
import { accountWrites } from './session-accounts';

export const roles = ['admin', 'moderator'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Administrateur',
  moderator: 'Modérateur',
};

export const passwordLinkPurposes = ['invitation', 'reset'] as const;
export type PasswordLinkPurpose = (typeof passwordLinkPurposes)[number];

/**
 * A back-office account. Secrets are stored hashed (argon2id password, SHA-256 of the one-time
 * link and of the recovery codes); the TOTP secret must stay readable to check codes, so pages
 * read accounts with explicit projections. (No `select: false`: Mongoose would turn it into a
 * findAndModify projection, which FerretDB 1.24 does not implement.) Counters that several requests may change at once (failed
 * logins, last TOTP step, recovery codes, one-time link) are only changed by conditional updates.
 */
const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, default: '' },
    role: { type: String, enum: roles, required: true },
    /** INSEE région codes a regional coordinator is limited to; empty = every région. */
    regions: { type: [String], default: [] },
    /** Absent until the invited person sets a password through their link. */
    passwordHash: { type: String, default: null },
    active: { type: Boolean, default: true },
    /** Bumped when a password is set or the account is disabled: older sessions stop working. */
    authVersion: { type: Number, default: 0 },
    /** Set by the same update as `totp`, so pages can show it without reading the secret. */
    totpEnabled: { type: Boolean, default: false },
    totp: {
      type: new Schema(
        {
          secret: { type: String, required: true },
          enabledAt: { type: Date, required: true },
          /** Last accepted 30-second step: a code is accepted once, never an older one. */
          lastStep: { type: Number, default: 0 },
        },
        { _id: false },
      ),
      default: null,
    },
    recoveryCodes: { type: [String], default: [] },
    login: {
      failures: { type: Number, default: 0 },
      lockedUntil: { type: Date, default: null },
      lastAt: { type: Date, default: null },
    },
    passwordLink: {
      type: new Schema(
        {
          hash: { type: String, required: true },
          purpose: { type: String, enum: passwordLinkPurposes, required: true },
          expiresAt: { type: Date, required: true },
          createdAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true },
);
userSchema.index({ 'passwordLink.hash': 1 });
reportWrites(userSchema, accountWrites);

export type User = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const UserModel = model('User', userSchema);
