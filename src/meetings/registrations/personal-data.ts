import { Types } from 'mongoose';
import {
  before,
  line,
  sameEmail,
  type DataSubject,
  type PersonalDataDeclaration,
  type RetentionRun,
} from '../../lib/personal-data';
import { allMeetings } from '../meeting.version';
import { allNeeds, eraseNeed, needsOf } from './accessibility-needs';
import { anonymiseDueRegistrations, anonymiseRegistration } from './anonymise';
import { registrationIndex, type RegistrationEntry } from './registration-index';
import { registrationStatusLabels } from './registration.model';

/** A person's registrations, from the index held in memory (no read of every registration). */
async function registrationsOfSubject(subject: DataSubject): Promise<RegistrationEntry[]> {
  if (!('email' in subject)) return [];
  return [...(await registrationIndex()).values()].filter(
    (r) => !r.anonymisedAt && sameEmail(r.email, subject.email),
  );
}

/** Needs serve the organisers for the meeting only: they go the day after it. */
async function eraseNeedsAfterMeetings(run: RetentionRun): Promise<number> {
  const yesterday = before(run.now, { days: 1 });
  const past = new Set(
    [...(await allMeetings()).values()]
      .filter((m) => new Date(m.date) < yesterday)
      .map((m) => m.slug),
  );
  const due = (await allNeeds()).filter((n) => past.has(n.meeting));
  if (!run.dryRun) for (const n of due) await eraseNeed(n._id);
  return due.length;
}

export const registrationsPersonalData: PersonalDataDeclaration = {
  processing: {
    name: 'Inscriptions aux rencontres régionales',
    purpose:
      'Gérer les inscriptions, les ateliers, la liste d’attente, l’accueil et les repas des rencontres ; établir leur bilan.',
    legalBasis:
      'Exécution de la demande d’inscription (mesures prises à la demande de la personne).',
    people: 'Personnes inscrites à une rencontre.',
    data: 'Nom, prénom, e-mail, téléphone, structure, fonction, département ; besoins d’accessibilité si la personne les indique et y consent.',
    recipients:
      'L’équipe du programme et les organisateurs de la rencontre ; la liste des participants, seulement pour les personnes qui l’ont accepté.',
    retention: () =>
      'Besoins d’accessibilité : effacés le lendemain de la rencontre. Autres données : anonymisées à la date fixée pour chaque rencontre (6 mois après par défaut), ou dès que la personne efface son inscription annulée.',
  },
  fields: {
    Registration: {
      personal: [
        'email',
        'lastName',
        'firstName',
        'phone',
        'structure',
        'jobTitle',
        'accessibility',
      ],
    },
    Sheet: {
      personal: ['meetingSelections.presenterName'],
      notPersonal: { 'meetingSelections.presenterStructure': 'structure qui présente la pratique' },
    },
    Meeting: {
      personal: [],
      notPersonal: {
        'contact.email': 'adresse de l’organisateur (boîte de la structure)',
        'contact.organisation': 'structure organisatrice',
        'venue.name': 'nom du lieu',
        'documents.filename': 'nom de fichier d’un document de la rencontre',
      },
    },
  },
  async find(subject) {
    const found = [];
    for (const r of await registrationsOfSubject(subject)) {
      const accessibility = (await needsOf(r.meeting)).get(r._id) ?? null;
      found.push({
        label: `Inscription à la rencontre « ${r.meeting} »`,
        detail: registrationStatusLabels[r.status],
        data: { ...r, tokenHash: undefined, accessibility },
      });
    }
    return found;
  },
  async erase(subject, now) {
    let count = 0;
    for (const r of await registrationsOfSubject(subject)) {
      count += await anonymiseRegistration(new Types.ObjectId(r._id), now);
    }
    return line(
      'Inscription à une rencontre (le nombre d’inscrits reste exact)',
      count,
      'anonymisé',
    );
  },
  async retain(run) {
    const due = await anonymiseDueRegistrations(run.now, run.dryRun);
    const anonymised = Object.values(due).reduce((a, b) => a + b, 0);
    return [
      ...line(
        'Inscription d’une rencontre passée (délai de la rencontre)',
        anonymised,
        'anonymisé',
      ),
      ...line(
        'Besoins d’accessibilité après la rencontre',
        await eraseNeedsAfterMeetings(run),
        'anonymisé',
      ),
    ];
  },
};
