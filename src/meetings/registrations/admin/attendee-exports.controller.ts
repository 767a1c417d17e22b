import type { Request, RequestHandler } from 'express';
import { NotFoundError } from '../../../lib/errors';
import { streamCsv, streamXlsx, type Cell } from '../../../lib/export';
import { findAdminMeeting } from '../../admin/meeting-admin.service';
import { workshopsOf } from '../../meeting.rules';
import { taxonomyLabel } from '../../../reference';
import { registrationStatusLabels } from '../registration.model';
import { recordExport } from './attendee-actions.service';
import { listAttendees, readFilters } from './attendees.service';
import { streamSignInSheetPdf } from './sign-in-sheet.pdf';

type Attendees = Awaited<ReturnType<typeof listAttendees>>;

const headers = [
  'Statut',
  'Rang en liste d’attente',
  'Nom',
  'Prénom',
  'E-mail',
  'Téléphone',
  'Structure',
  'Type de structure',
  'Fonction',
  'Département',
  'Atelier',
  'Déjeuner',
  'Besoins d’accessibilité',
  'Accepte la liste des participants',
  'Présent·e',
  'Inscrit·e le',
];

const day = (d: Date) =>
  d.toLocaleDateString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

async function* rows(attendees: Attendees): AsyncIterable<Cell[]> {
  for (const a of attendees) {
    yield [
      registrationStatusLabels[a.status],
      a.waitRank ?? null,
      a.lastName,
      a.firstName,
      a.email,
      a.phone,
      a.structure,
      taxonomyLabel('actorTypes', a.structureType),
      a.jobTitle,
      a.department,
      a.workshop,
      a.lunch,
      a.accessibility,
      a.listConsent,
      a.present,
      a.createdAt,
    ];
  }
}

// GET /moderation/rencontres/:slug/inscrits.csv|.xlsx — the filtered list (safe cells).
const exportList =
  (format: 'csv' | 'xlsx'): RequestHandler =>
  async (req, res) => {
    const meeting = await findAdminMeeting(req.user!, String(req.params.slug));
    const filters = readFilters(
      req.query,
      workshopsOf(meeting).map((w) => w.code),
    );
    const attendees = await listAttendees(meeting.slug, filters);
    await recordExport(req.user!, meeting, format, attendees.length, req.ip);
    const name = `inscrits-${meeting.slug}.${format}`;
    if (format === 'csv') await streamCsv(res, name, headers, rows(attendees));
    else await streamXlsx(res, name, 'Inscrits', headers, rows(attendees));
  };
export const csv = exportList('csv');
export const xlsx = exportList('xlsx');

/** The confirmed attendees of one workshop, for its sign-in sheet. */
async function signInSheet(req: Request) {
  const meeting = await findAdminMeeting(req.user!, String(req.params.slug));
  const workshop = workshopsOf(meeting).find((w) => w.code === req.params.code);
  if (!workshop) throw new NotFoundError('Atelier introuvable');
  const attendees = await listAttendees(meeting.slug, {
    atelier: workshop.code,
    statut: 'confirmee',
  });
  return { meeting, workshop, attendees };
}

// GET /moderation/rencontres/:slug/emargement/:code — printable sign-in sheet.
export const printSheet: RequestHandler = async (req, res) => {
  const { meeting, workshop, attendees } = await signInSheet(req);
  res.render('registrations/admin/sign-in-sheet', {
    pageTitle: `Émargement – atelier ${workshop.code}`,
    meeting,
    workshop,
    attendees,
    day: day(meeting.date),
  });
};

// GET /moderation/rencontres/:slug/emargement/:code.pdf — the same as a PDF.
export const pdfSheet: RequestHandler = async (req, res) => {
  const { meeting, workshop, attendees } = await signInSheet(req);
  await streamSignInSheetPdf(
    res,
    `emargement-${meeting.slug}-atelier-${workshop.code}.pdf`,
    {
      meeting: meeting.title,
      date: day(meeting.date),
      workshop: `Atelier ${workshop.code} : ${workshop.title}`,
    },
    attendees,
  );
};
