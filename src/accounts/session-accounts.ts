import { writeFeed } from '../lib/followed-collection';
import { versionedView } from '../lib/versioned-view';

/**
 * The accounts' writes: every write through the user model moves `accounts-version` (the model's
 * hooks, in whatever process writes).
 */
export const accountWrites = writeFeed('accounts-version');

/**
 * What each signed-in request needs of its account, read once by `_id` and held until the account
 * is written: a process forgets the accounts it wrote at once, and all of them when another
 * process moved the version (within 2 s). Without it every back-office request read its account.
 */
export function sessionAccounts<Account>(read: (id: string) => Promise<Account | null>) {
  const view = versionedView(
    () => accountWrites.version.current(),
    async () => new Map<string, Promise<Account | null>>(),
  );
  accountWrites.follow(async (version, ids) =>
    view.changed(version, ids && ((held) => ids.forEach((id) => held.delete(id)))),
  );
  return async (id: string): Promise<Account | null> => {
    await accountWrites.settled();
    const held = await view.get();
    let account = held.get(id);
    if (!account) {
      account = read(id);
      held.set(id, account);
      // A failed read is tried again by the next request.
      account.catch(() => held.get(id) === account && held.delete(id));
    }
    return account;
  };
}
