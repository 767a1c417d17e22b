import type { Request, RequestHandler } from 'express';
import { setFlash } from '../../../accounts';
import { queryValue } from '../../../lib/http/query-string';
import { heldAdminMeeting } from '../../admin/meeting-admin.service';
import { checkIn, listAttendees } from './attendees.service';

/** Lower case without accents, so « lefevre » finds « Lefèvre ». */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const base = (slug: string) => `/moderation/rencontres/${slug}`;

/** On-the-day check-in: the confirmed people, one button each, usable on a phone. */
export function checkInController() {
  const meetingOf = (req: Request) => heldAdminMeeting(req.user!, String(req.params.slug));

  // GET /moderation/rencontres/:slug/accueil — on-the-day check-in, for a phone.
  const showCheckIn: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    const search = queryValue(req.query, 'nom', 1000)?.slice(0, 50) ?? '';
    const attendees = await listAttendees(meeting.slug, { statut: 'confirmee' });
    const wanted = folded(search.trim());
    res.render('registrations/admin/check-in', {
      pageTitle: `Accueil – ${meeting.title}`,
      meeting,
      search,
      total: attendees.length,
      present: attendees.filter((a) => a.present).length,
      attendees: wanted
        ? attendees.filter((a) => folded(`${a.lastName} ${a.firstName}`).includes(wanted))
        : attendees,
    });
  };

  // POST /moderation/rencontres/:slug/inscrits/:id/presence — mark present.
  const markPresent: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    const { registration: r } = await checkIn(
      req.user!,
      meeting.slug,
      String(req.params.id),
      req.ip,
    );
    await setFlash(req, `${r.firstName} ${r.lastName} : présence enregistrée.`);
    res.redirect(303, `${base(meeting.slug)}/accueil#p-${String(r._id)}`);
  };
  return { showCheckIn, markPresent };
}
