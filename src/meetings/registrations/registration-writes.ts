import { writeFeed } from '../../lib/followed-collection';

/**
 * The registrations' writes: every write to a registration moves `registrations-version` (the
 * model's hooks), so the registration index of each process follows.
 */
export const registrationWrites = writeFeed('registrations-version');
