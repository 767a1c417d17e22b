import type { RequestHandler } from 'express';
import type { Config } from '../lib/config';

export const site = {
  name: 'Tour de France de la clause sociale',
  product: 'Bonnes pratiques de la clause sociale',
  tagline: 'Développer les opportunités d’emploi et l’achat responsable dans les projets urbains',
  contact: { organisation: 'Alliance Villes Emploi', email: 'ave@ville-emploi.asso.fr' },
  nav: [
    { href: '/questionnaire', label: 'Questionnaire' },
    { href: '/recueil', label: 'Recueil' },
    { href: '/rencontres', label: 'Rencontres' },
    { href: '/chiffres-cles', label: 'Chiffres clés' },
  ],
};

/** Values every template may use: site identity, navigation state, base URL. */
export function siteLocals(config: Config): RequestHandler {
  return (req, res, next) => {
    res.locals.site = site;
    res.locals.baseUrl = config.baseUrl;
    res.locals.currentPath = req.path;
    res.locals.pageTitle = undefined;
    next();
  };
}
