import type { Migration } from '../lib/migrations';
import { UserModel } from './user.model';

export const userMigrations: Migration[] = [
  {
    // Accounts made by the seed or create-admin before they set it had no `regions` field, and
    // the users page read `regions.map` on them.
    id: '2026-12-07-accounts-have-regions',
    run: async () =>
      (await UserModel.updateMany({ regions: { $exists: false } }, { $set: { regions: [] } }))
        .modifiedCount,
  },
];
