import type { Request, RequestHandler } from 'express';
import { flashStep } from '../back-office/flash-step';
import { textField } from '../lib/http/validate';
import { statusLabels } from '../sheets/sheet.fields';
import { findSheet } from '../sheets/sheet.service';
import {
  meetingPractices,
  moveInRecueil,
  moveInWorkshop,
  recueilToc,
  type Direction,
} from './ordering.service';
import { selectForRecueil, selectForWorkshop, unselectWorkshop } from './selection.service';

const direction = (req: Request): Direction =>
  textField(req.body, 'direction') === 'monter' ? 'monter' : 'descendre';
const field = (req: Request, name: string) => textField(req.body, name).trim().slice(0, 200);

const editor = (req: Request) => `/moderation/fiches/${String(req.params.id)}#selection`;
const sheetOf = (req: Request) => findSheet(req.user!, String(req.params.id));

export const curationController = {
  // POST /moderation/fiches/:id/atelier — select for one workshop of one meeting.
  selectWorkshop: flashStep(
    async (req) => {
      const [meeting = '', workshop = ''] = field(req, 'atelier').split('|');
      await selectForWorkshop(await sheetOf(req), {
        meeting,
        workshop,
        presenterName: field(req, 'presenterName'),
        presenterStructure: field(req, 'presenterStructure'),
      });
    },
    'Fiche sélectionnée pour l’atelier.',
    editor,
  ),
  // POST /moderation/fiches/:id/atelier/retirer
  unselectWorkshop: flashStep(
    async (req) =>
      unselectWorkshop(await sheetOf(req), field(req, 'meeting'), field(req, 'workshop')),
    'Sélection retirée.',
    editor,
  ),
  // POST /moderation/fiches/:id/recueil — chapter of the national recueil (empty: none).
  selectRecueil: flashStep(
    async (req) => selectForRecueil(await sheetOf(req), field(req, 'chapter')),
    'Sélection pour le recueil enregistrée.',
    editor,
  ),

  // GET /moderation/rencontres/:slug/pratiques — selected practices by workshop, in order.
  meeting: (async (req, res) => {
    const { meeting, workshops } = await meetingPractices(String(req.params.slug));
    res.render('curation/meeting', {
      pageTitle: `Pratiques sélectionnées : ${meeting.title}`,
      meeting,
      workshops,
      statusLabels,
    });
  }) as RequestHandler,
  // POST /moderation/rencontres/:slug/pratiques/deplacer
  moveInMeeting: flashStep(
    async (req) =>
      moveInWorkshop(
        String(req.params.slug),
        field(req, 'workshop'),
        field(req, 'id'),
        direction(req),
      ),
    'Ordre enregistré.',
    (req) => `/moderation/rencontres/${String(req.params.slug)}/pratiques`,
  ),

  // GET /moderation/recueil — the national recueil's table of contents.
  recueil: (async (_req, res) => {
    res.render('curation/recueil', {
      pageTitle: 'Sommaire du recueil national',
      chapters: await recueilToc(),
      statusLabels,
    });
  }) as RequestHandler,
  // POST /moderation/recueil/deplacer
  moveInRecueil: flashStep(
    async (req) => moveInRecueil(field(req, 'id'), direction(req)),
    'Ordre enregistré.',
    () => '/moderation/recueil',
  ),
};
