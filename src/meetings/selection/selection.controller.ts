import type { Request, RequestHandler } from 'express';
import { flashStep } from '../../accounts';
import { buttonValues } from '../../lib/http/form';
import type { Direction } from '../../lib/ordering';
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
const direction = (value: string): Direction => (value === 'monter' ? 'monter' : 'descendre');

const editor = (req: Request) => `/moderation/fiches/${String(req.params.id)}#selection`;
const sheetOf = (req: Request) => findSheet(req.user!, String(req.params.id));
const meetingOf = (req: Request, slug: string) => findAdminMeeting(req.user!, slug);

export const selectionController = {
  // POST /moderation/fiches/:id/atelier — select for one workshop of one meeting.
  select: flashStep(
    async (req) => {
      const values = await buttonValues(req, ['atelier', 'presenterName', 'presenterStructure']);
      const [meeting = '', workshop = ''] = values.atelier.split('|');
      const sheet = await sheetOf(req);
      await selectForWorkshop(sheet, await meetingOf(req, meeting), {
        workshop,
        presenterName: values.presenterName,
        presenterStructure: values.presenterStructure,
      });
    },
    'Fiche sélectionnée pour l’atelier.',
    editor,
  ),
  // POST /moderation/fiches/:id/atelier/retirer
  unselect: flashStep(
    async (req) => {
      const values = await buttonValues(req, ['meeting', 'workshop']);
      const sheet = await sheetOf(req);
      const meeting = await meetingOf(req, values.meeting);
      await unselectWorkshop(sheet, meeting.slug, values.workshop);
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
    async (req) => {
      const values = await buttonValues(req, ['workshop', 'id', 'direction']);
      await moveInWorkshop(await meetingOf(req, String(req.params.slug)), req.user!, {
        workshop: values.workshop,
        id: values.id,
        direction: direction(values.direction),
      });
    },
    'Ordre enregistré.',
    (req) => `/moderation/rencontres/${String(req.params.slug)}/pratiques`,
  ),
};
