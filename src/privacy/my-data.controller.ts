import type { Request, RequestHandler } from 'express';
import { record } from '../audit';
import type { Config } from '../lib/config';
import { myDataSuffix, recordErasure, resumeOf, resumePath } from '../questionnaire';
import { dataArchive, eraseEverywhere, heldAbout } from './subject';

const subjectOf = (req: Request) => ({ responseId: resumeOf(req).response._id });
const pagePath = (req: Request) => resumePath(resumeOf(req).token, myDataSuffix);

/** What a published sheet keeps after an erasure: said before the person confirms. */
const erasureTerms = [
  'votre nom, votre adresse e-mail et votre téléphone sont effacés de la réponse, de son historique et de toute fiche faite à partir d’elle (le contact affiché disparaît) ;',
  'les fichiers que vous avez joints sont supprimés ;',
  'la description de la pratique, le nom de votre structure et les chiffres restent : ils ne sont pas des données personnelles, et une fiche publiée reste en ligne sans contact ;',
  'vous ne pourrez plus modifier la réponse avec ce lien.',
];

// GET /questionnaire/reprendre/:token/mes-donnees — everything held about this response.
export const myDataPage =
  (config: Config): RequestHandler =>
  async (req, res) => {
    const { response, token } = resumeOf(req);
    res.render('privacy/my-data', {
      pageTitle: 'Mes données',
      token,
      base: pagePath(req),
      draft: response.status !== 'envoyee',
      erasure: response.erasure,
      items: response.erasure ? [] : await heldAbout(config, subjectOf(req)),
      controllerEmail: config.controller.email,
    });
  };

// GET …/mes-donnees/mes-donnees.zip — the same as one JSON file plus the files.
export const myDataArchive =
  (config: Config): RequestHandler =>
  async (req, res) => {
    const archive = await dataArchive(await heldAbout(config, subjectOf(req)));
    res.attachment('mes-donnees.zip');
    res.type('application/zip');
    res.send(archive);
  };

// GET …/mes-donnees/effacement — what an erasure does, before the person confirms.
export const erasureConfirmation: RequestHandler = (req, res) => {
  const { response } = resumeOf(req);
  if (response.status !== 'envoyee' || response.erasure) return res.redirect(303, pagePath(req));
  res.render('privacy/erase-confirm', {
    pageTitle: 'Effacer mes données',
    base: pagePath(req),
    terms: erasureTerms,
  });
};

// POST …/mes-donnees/effacement — erases now; the page then says what was erased.
export const eraseMyData =
  (config: Config): RequestHandler =>
  async (req, res) => {
    const { response } = resumeOf(req);
    if (response.status === 'envoyee' && !response.erasure) {
      const lines = await eraseEverywhere(config, subjectOf(req));
      await recordErasure(response._id, lines);
      await journal('réponse envoyée', lines.length);
    }
    res.redirect(303, pagePath(req));
  };

// POST …/mes-donnees/suppression — a draft and its files, deleted at once.
export const deleteMyDraft =
  (config: Config): RequestHandler =>
  async (req, res) => {
    const { response } = resumeOf(req);
    if (response.status === 'envoyee') return res.redirect(303, pagePath(req));
    const lines = await eraseEverywhere(config, subjectOf(req));
    await journal('brouillon', lines.length);
    res.redirect(303, '/questionnaire/brouillon-supprime');
  };

// GET /questionnaire/brouillon-supprime — what remains of a deleted draft: nothing.
export const draftDeleted: RequestHandler = (_req, res) => {
  res.render('privacy/draft-deleted', { pageTitle: 'Brouillon supprimé' });
};

/** The journal says that a person used their right, never who. */
const journal = (what: string, lines: number) =>
  record({
    actor: null,
    action: 'personal-data.erased',
    details: { par: 'la personne, avec son lien', objet: what, lignes: lines },
  });
