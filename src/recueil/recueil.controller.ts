import type { RequestHandler } from 'express';
import { flashStep } from '../accounts';
import { buttonValues } from '../lib/http/form';
import type { Direction } from '../lib/ordering';
import { findSheet, statusLabels } from '../sheets';
import { moveInRecueil, ordersRecueil, recueilToc, selectForRecueil } from './recueil.service';

/**
 * The national recueil: a regional coordinator puts their région's sheets in a chapter or takes
 * them out (the sheet is found through its région scope: another région's is a 404); national
 * users order it (README « Régions and shared objects »).
 */
const direction = (value: string): Direction => (value === 'monter' ? 'monter' : 'descendre');

export const recueilController = {
  // POST /moderation/fiches/:id/recueil — chapter of the national recueil (empty: none).
  select: flashStep(
    async (req) => {
      const { chapter } = await buttonValues(req, ['chapter']);
      await selectForRecueil(await findSheet(req.user!, String(req.params.id)), chapter);
    },
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
    async (req) => {
      const values = await buttonValues(req, ['id', 'direction']);
      await moveInRecueil(req.user!, values.id, direction(values.direction));
    },
    'Ordre enregistré.',
    () => '/moderation/recueil',
  ),
};
