import type { Request, RequestHandler } from 'express';
import { flashStep } from '../back-office/flash-step';
import { textField } from '../lib/http/validate';
import { findAdminMeeting } from '../meetings/admin/meeting-admin.service';
import { statusLabels } from '../sheets/sheet.fields';
import { findSheet } from '../sheets/sheet.service';
import {
  meetingPractices,
  moveInRecueil,
  moveInWorkshop,
  ordersRecueil,
  recueilToc,
  type Direction,
} from './ordering.service';
import { selectForRecueil, selectForWorkshop, unselectWorkshop } from './selection.service';
import { singleLine } from '../lib/text';

/**
 * Who may do what with shared objects (README « Régions »): a selection ties a sheet to a meeting,
 * so it needs both in the user's régions (a national user ties any sheet to any meeting); the
 * national recueil is ordered by national users, and a regional coordinator puts their own
 * région's sheets in it. Sheets and meetings are found by their own services, which apply the
 * user's régions: another région's object is a 404.
 */
const direction = (req: Request): Direction =>
  textField(req.body, 'direction') === 'monter' ? 'monter' : 'descendre';
const field = (req: Request, name: string) => singleLine(textField(req.body, name)).slice(0, 200);

const editor = (req: Request) => `/moderation/fiches/${String(req.params.id)}#selection`;
const sheetOf = (req: Request) => findSheet(req.user!, String(req.params.id));
const meetingOf = (req: Request, slug: string) => findAdminMeeting(req.user!, slug);

export const curationController = {
  // POST /moderation/fiches/:id/atelier — select for one workshop of one meeting.
  selectWorkshop: flashStep(
    async (req) => {
      const [meeting = '', workshop = ''] = field(req, 'atelier').split('|');
      const sheet = await sheetOf(req);
      await selectForWorkshop(sheet, await meetingOf(req, meeting), {
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
    async (req) => {
      const sheet = await sheetOf(req);
      const meeting = await meetingOf(req, field(req, 'meeting'));
      await unselectWorkshop(sheet, meeting.slug, field(req, 'workshop'));
    },
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
    const meeting = await meetingOf(req, String(req.params.slug));
    const { workshops } = await meetingPractices(meeting, req.user!);
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
      moveInWorkshop(await meetingOf(req, String(req.params.slug)), req.user!, {
        workshop: field(req, 'workshop'),
        id: field(req, 'id'),
        direction: direction(req),
      }),
    'Ordre enregistré.',
    (req) => `/moderation/rencontres/${String(req.params.slug)}/pratiques`,
  ),

  // GET /moderation/recueil — the national recueil's table of contents.
  recueil: (async (req, res) => {
    res.render('curation/recueil', {
      pageTitle: 'Sommaire du recueil national',
      chapters: await recueilToc(req.user!),
      canOrder: ordersRecueil(req.user!),
      statusLabels,
    });
  }) as RequestHandler,
  // POST /moderation/recueil/deplacer — national users only (requireNational).
  moveInRecueil: flashStep(
    async (req) => moveInRecueil(req.user!, field(req, 'id'), direction(req)),
    'Ordre enregistré.',
    () => '/moderation/recueil',
  ),
};
