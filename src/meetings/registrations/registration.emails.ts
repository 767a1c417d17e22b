import { linkMessage, textMessage } from '../../lib/mail/compose';
import type { MailMessage } from '../../lib/mail';
import { meetingIcs } from '../meeting.calendar';
import type { Meeting } from '../meeting.model';

type EmailMeeting = Pick<Meeting, 'slug' | 'title' | 'date' | 'venue' | 'programme' | 'summary'>;
interface Summary {
  email: string;
  firstName: string;
  lastName: string;
  workshopTitle: string;
  lunch: boolean;
  status: string;
}

const day = (d: Date) =>
  d.toLocaleDateString('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

function summaryLines(meeting: EmailMeeting, s: Summary): string[] {
  const v = meeting.venue!;
  return [
    `Rencontre : ${meeting.title}, le ${day(meeting.date)}, ${v.name}, ${v.address}, ${v.postalCode} ${v.city}.`,
    `Participant·e : ${s.firstName} ${s.lastName} (${s.email}). Atelier : ${s.workshopTitle}. Déjeuner : ${s.lunch ? 'oui' : 'non'}.`,
    s.status === 'confirmee'
      ? 'Votre inscription est confirmée. Le fichier joint ajoute la rencontre à votre agenda.'
      : 'L’atelier choisi est complet : vous êtes sur liste d’attente. Nous vous écrirons dès qu’une place se libère.',
  ];
}

/** An e-mail to the registered person with their link and the meeting's calendar file. */
function withLinkAndIcs(
  meeting: EmailMeeting,
  s: Summary,
  baseUrl: string,
  message: { subject: string; paragraphs: string[]; link: string; after?: string[] },
): MailMessage {
  return {
    ...linkMessage(s.email, message.subject, message.paragraphs, message.link, message.after),
    attachments: [
      {
        filename: `${meeting.slug}.ics`,
        content: meetingIcs(meeting, baseUrl, `Votre atelier : ${s.workshopTitle}`),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      },
    ],
  };
}

const linkHelp = 'Pour changer d’atelier ou annuler, utilisez votre lien personnel :';

export function confirmationEmail(
  meeting: EmailMeeting,
  s: Summary,
  link: string,
  baseUrl: string,
): MailMessage {
  const subject =
    s.status === 'confirmee'
      ? `Inscription confirmée – ${meeting.title}`
      : `Liste d’attente – ${meeting.title}`;
  return withLinkAndIcs(meeting, s, baseUrl, {
    subject,
    paragraphs: [...summaryLines(meeting, s), linkHelp],
    link,
    after: ['Ce lien est personnel : ne le transmettez pas.'],
  });
}

export function duplicateEmail(meeting: EmailMeeting, email: string, link: string): MailMessage {
  return linkMessage(
    email,
    `Votre inscription – ${meeting.title}`,
    [
      `Une inscription à « ${meeting.title} » existe déjà pour cette adresse : aucune nouvelle inscription n’a été créée.`,
      `Voici un nouveau lien personnel pour la consulter, changer d’atelier ou annuler (l’ancien lien ne fonctionne plus) :`,
    ],
    link,
  );
}

export function promotionEmail(
  meeting: EmailMeeting,
  s: Summary,
  link: string,
  baseUrl: string,
): MailMessage {
  return withLinkAndIcs(meeting, s, baseUrl, {
    subject: `Une place s’est libérée – ${meeting.title}`,
    paragraphs: [
      'Bonne nouvelle : une place s’est libérée et votre inscription est maintenant confirmée.',
      ...summaryLines(meeting, { ...s, status: 'confirmee' }).slice(0, 2),
      linkHelp,
    ],
    link,
  });
}

/** After a change of workshop through the personal link: the new summary and calendar file. */
export function workshopChangedEmail(
  meeting: EmailMeeting,
  s: Summary,
  link: string,
  baseUrl: string,
): MailMessage {
  return withLinkAndIcs(meeting, s, baseUrl, {
    subject: `Atelier changé – ${meeting.title}`,
    paragraphs: [
      'Votre changement d’atelier est enregistré.',
      ...summaryLines(meeting, s),
      linkHelp,
    ],
    link,
  });
}

/** After a cancellation through the personal link: what it did, and how to erase the rest. */
export function cancelledEmail(meeting: EmailMeeting, s: Summary, link: string): MailMessage {
  return linkMessage(
    s.email,
    `Inscription annulée – ${meeting.title}`,
    [
      `Votre inscription à « ${meeting.title} » du ${day(meeting.date)} est annulée : votre place est proposée à la liste d’attente.`,
      'Pour effacer dès maintenant vos données (nom, coordonnées, besoins), ouvrez votre lien personnel :',
    ],
    link,
  );
}

/** After the team cancelled a registration (no link: the team never has it). */
export function cancelledByTeamEmail(meeting: EmailMeeting, s: Summary): MailMessage {
  return textMessage(s.email, `Inscription annulée par l’équipe – ${meeting.title}`, [
    `L’équipe du Tour de France de la clause sociale a annulé votre inscription à « ${meeting.title} » du ${day(meeting.date)}.`,
    'Pour toute question, écrivez à l’organisateur : ses coordonnées sont sur la page de la rencontre.',
  ]);
}
