import type { Request, RequestHandler } from 'express';
import { setFlash } from '../../auth';
import { findAdminMeeting } from '../../meetings/admin/meeting-admin.service';
import { checkIn, listAttendees } from './attendees.service';

const base = (slug: string) => `/moderation/rencontres/${slug}`;

/** On-the-day check-in: the confirmed people, one button each, usable on a phone. */
export function checkInController() {
  const meetingOf = (req: Request) => findAdminMeeting(req.user!, String(req.params.slug));

  // GET /moderation/rencontres/:slug/accueil — on-the-day check-in, for a phone.
  const showCheckIn: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    res.render('registrations/admin/check-in', {
      pageTitle: `Accueil – ${meeting.title}`,
      meeting,
      attendees: await listAttendees(meeting.slug, { statut: 'confirmee' }),
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
