import type { Request, RequestHandler } from 'express';
import { flashStep } from '../accounts';
import { textField } from '../lib/http/validate';
import type { Direction } from '../lib/ordering';
import { singleLine } from '../lib/text';
import { findSheet, statusLabels } from '../sheets';
import { moveInRecueil, ordersRecueil, recueilToc, selectForRecueil } from './recueil.service';

/**
 * The national recueil: a regional coordinator puts their région's sheets in a chapter or takes
 * them out (the sheet is found through its région scope: another région's is a 404); national
 * users order it (README « Régions and shared objects »).
 */
const direction = (req: Request): Direction =>
  textField(req.body, 'direction') === 'monter' ? 'monter' : 'descendre';
const field = (req: Request, name: string) => singleLine(textField(req.body, name)).slice(0, 200);

export const recueilController = {
  // POST /moderation/fiches/:id/recueil — chapter of the national recueil (empty: none).
  select: flashStep(
    async (req) =>
      selectForRecueil(await findSheet(req.user!, String(req.params.id)), field(req, 'chapter')),
    'Sélection pour le recueil enregistrée.',
    (req) => `/moderation/fiches/${String(req.params.id)}#recueil`,
  ),

  // GET /moderation/recueil — the national recueil's table of contents.
  toc: (async (req, res) => {
    res.render('recueil/toc', {
      pageTitle: 'Sommaire du recueil national',
      chapters: await recueilToc(req.user!),
      canOrder: ordersRecueil(req.user!),
      statusLabels,
    });
  }) as RequestHandler,

  // POST /moderation/recueil/deplacer — national users only (requireNational).
  move: flashStep(
    async (req) => moveInRecueil(req.user!, field(req, 'id'), direction(req)),
    'Ordre enregistré.',
    () => '/moderation/recueil',
  ),
};
