import type { Request } from 'express';
import { regionScope } from '../accounts';
import type { Moderator } from './status.service';

/** The signed-in person as the moderation services need them: identity, régions, IP. */
export function moderatorOf(req: Request): Moderator {
  const user = req.user!;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    scope: regionScope(user),
    ip: req.ip,
  };
}
