import type { Request, RequestHandler } from 'express';
import { flashStep } from '../../accounts';
import { textField } from '../../lib/http/validate';
import type { Direction } from '../../lib/ordering';
import { singleLine } from '../../lib/text';
import { findSheet, statusLabels } from '../../sheets';
import { findAdminMeeting } from '../admin/meeting-admin.service';
import {
  meetingPractices,
  moveInWorkshop,
  selectForWorkshop,
  unselectWorkshop,
} from './selection.service';

/**
 * A selection ties a sheet to a meeting's workshop, so it needs both in the user's régions: each
 * is found through its own scoped lookup (another région's is a 404). A national user ties any
 * sheet to any meeting (README « Régions and shared objects »).
 */
const direction = (req: Request): Direction =>
  textField(req.body, 'direction') === 'monter' ? 'monter' : 'descendre';
const field = (req: Request, name: string) => singleLine(textField(req.body, name)).slice(0, 200);

const editor = (req: Request) => `/moderation/fiches/${String(req.params.id)}#selection`;
const sheetOf = (req: Request) => findSheet(req.user!, String(req.params.id));
const meetingOf = (req: Request, slug: string) => findAdminMeeting(req.user!, slug);

export const selectionController = {
  // POST /moderation/fiches/:id/atelier — select for one workshop of one meeting.
  select: flashStep(
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
  unselect: flashStep(
    async (req) => {
      const sheet = await sheetOf(req);
      const meeting = await meetingOf(req, field(req, 'meeting'));
      await unselectWorkshop(sheet, meeting.slug, field(req, 'workshop'));
    },
    'Sélection retirée.',
    editor,
  ),

  // GET /moderation/rencontres/:slug/pratiques — selected practices by workshop, in order.
  practices: (async (req, res) => {
    const meeting = await meetingOf(req, String(req.params.slug));
    const { workshops } = await meetingPractices(meeting, req.user!);
    res.render('meetings/admin/practices', {
      pageTitle: `Pratiques sélectionnées : ${meeting.title}`,
      meeting,
      workshops,
      statusLabels,
    });
  }) as RequestHandler,
  // POST /moderation/rencontres/:slug/pratiques/deplacer
  move: flashStep(
    async (req) =>
      moveInWorkshop(await meetingOf(req, String(req.params.slug)), req.user!, {
        workshop: field(req, 'workshop'),
        id: field(req, 'id'),
        direction: direction(req),
      }),
    'Ordre enregistré.',
    (req) => `/moderation/rencontres/${String(req.params.slug)}/pratiques`,
  ),
};
