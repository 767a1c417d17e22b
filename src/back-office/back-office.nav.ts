import type { RequestHandler } from 'express';
import type { SessionUser } from '../accounts';
import type { Role } from '../accounts';

interface NavLink {
  href: string;
  label: string;
  /** Roles that see the link; every signed-in user when absent. */
  roles?: Role[];
}

/**
 * The back-office navigation, in display order. A feature adds its page here.
 */
export const backOfficeLinks: NavLink[] = [
  { href: '/moderation', label: 'Réponses' },
  { href: '/moderation/chiffres', label: 'Chiffres' },
  { href: '/moderation/fiches', label: 'Fiches' },
  { href: '/moderation/recueil', label: 'Recueil' },
  { href: '/moderation/taxonomie', label: 'Taxonomie', roles: ['admin'] },
  { href: '/moderation/rencontres', label: 'Rencontres', roles: ['admin', 'moderator'] },
  { href: '/moderation/import', label: 'Import' },
  { href: '/moderation/journal', label: 'Journal', roles: ['admin'] },
  { href: '/moderation/utilisateurs', label: 'Utilisateurs', roles: ['admin'] },
  { href: '/moderation/donnees-personnelles', label: 'Données personnelles', roles: ['admin'] },
  { href: '/moderation/exemples', label: 'Données d’exemple', roles: ['admin'] },
  { href: '/moderation/aide', label: 'Aide' },
  { href: '/moderation/compte', label: 'Mon compte' },
];

/** The links a user may open; the current one is the longest prefix of the path. */
export function navFor(user: SessionUser, path: string) {
  const links = backOfficeLinks.filter((l) => !l.roles || l.roles.includes(user.role));
  const current = links
    .filter((l) => path === l.href || path.startsWith(`${l.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return links.map((l) => ({ href: l.href, label: l.label, current: l === current }));
}

/** Back-office pages get the navigation and the signed-in user in their layout. */
export const backOfficeNav: RequestHandler = (req, res, next) => {
  if (req.user) {
    res.locals.backOffice = {
      user: req.user,
      links: navFor(req.user, req.originalUrl.split('?')[0]),
    };
  }
  next();
};
