import type { Migration } from '../lib/migrations';
import { AuditEventModel } from './audit.model';

export const auditMigrations: Migration[] = [
  {
    // Failed logins used to keep what was typed in the e-mail field, a mistyped password
    // included. The raw collection: the model refuses every change, and this is the one allowed.
    id: '2026-12-07-login-failures-forget-typed-text',
    run: async () =>
      (
        await AuditEventModel.collection.updateMany(
          { action: 'login.failure', 'details.email': { $exists: true } },
          { $unset: { 'details.email': '' } },
        )
      ).modifiedCount,
  },
];
