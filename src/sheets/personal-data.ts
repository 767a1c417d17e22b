import { Types } from 'mongoose';
import { wholeReadBatch } from '../lib/db/whole-read';
import {
  line,
  sameEmail,
  type DataSubject,
  type HeldItem,
  type PersonalDataDeclaration,
  type ReportLine,
} from '../lib/personal-data';
import { ResponseModel, responsesOfEmail } from '../questionnaire';
import { statusLabels } from './sheet.fields';
import { sheetIndex } from './sheet-index';
import { SheetModel, type SheetRecord } from './sheet.model';
import { SheetVersionModel } from './sheet-version.model';

type ContactSheet = Pick<SheetRecord, 'title' | 'status' | 'contact' | 'approval' | 'slug'> & {
  _id: Types.ObjectId;
};

/** The sheets made from these responses (by reference, from the index held in memory). */
async function madeFrom(references: Array<string | undefined>): Promise<string[]> {
  const wanted = new Set(references.filter(Boolean));
  return [...(await sheetIndex()).values()]
    .filter((s) => s.origin.reference && wanted.has(s.origin.reference))
    .map((s) => s._id);
}

/**
 * Sheets of a subject: those made from their responses, and, for an e-mail, those whose public
 * contact is that address (every sheet read in small batches: an admin's rare search). Run
 * before the responses are erased: they still hold the address.
 */
async function sheetIds(subject: DataSubject): Promise<Types.ObjectId[]> {
  if ('responseId' in subject) {
    const response = await ResponseModel.findOne(
      { _id: subject.responseId },
      { reference: 1 },
    ).lean<{ reference?: string }>();
    return (await madeFrom([response?.reference])).map((id) => new Types.ObjectId(id));
  }
  const ids = new Set(
    await madeFrom((await responsesOfEmail(subject.email)).map((r) => r.reference)),
  );
  const all = await SheetModel.find({}, { 'contact.email': 1 })
    .batchSize(wholeReadBatch)
    .lean<Array<Pick<ContactSheet, '_id' | 'contact'>>>();
  for (const s of all) if (sameEmail(s.contact?.email, subject.email)) ids.add(String(s._id));
  return [...ids].map((id) => new Types.ObjectId(id));
}

async function sheetsOf(subject: DataSubject): Promise<ContactSheet[]> {
  const found: ContactSheet[] = [];
  for (const _id of await sheetIds(subject)) {
    const s = await SheetModel.findOne(
      { _id },
      { title: 1, status: 1, contact: 1, approval: 1, slug: 1 },
    ).lean<ContactSheet>();
    if (s) found.push(s);
  }
  return found;
}

const hasContact = (s: ContactSheet) =>
  Boolean(s.contact && (s.contact.name || s.contact.email || s.contact.phone));

function held(s: ContactSheet): HeldItem {
  return {
    label: `Fiche « ${s.title} »`,
    detail: statusLabels[s.status as keyof typeof statusLabels] ?? s.status,
    data: {
      titre: s.title,
      statut: statusLabels[s.status as keyof typeof statusLabels] ?? s.status,
      adresse: s.status === 'publiee' ? `/recueil/${s.slug}` : null,
      contactAffiche: s.contact ?? null,
      validationParLAuteur: s.approval?.state ?? null,
    },
  };
}

/**
 * The practice stays (it was published with the author's consent, or may be); the person goes:
 * the sheet's contact, from the sheet and from every version kept of it, and its approval link.
 */
async function erase(subject: DataSubject): Promise<ReportLine[]> {
  const sheets = (await sheetsOf(subject)).filter(hasContact);
  for (const s of sheets) {
    await SheetModel.updateOne({ _id: s._id }, { $unset: { contact: 1, 'approval.tokenHash': 1 } });
  }
  const ids = new Set(sheets.map((s) => String(s._id)));
  let versions = 0;
  if (ids.size) {
    const all = await SheetVersionModel.find({}, { sheetId: 1, 'snapshot.contact': 1 })
      .batchSize(wholeReadBatch)
      .lean<
        Array<{ _id: Types.ObjectId; sheetId: Types.ObjectId; snapshot?: { contact?: unknown } }>
      >();
    for (const v of all.filter((v) => ids.has(String(v.sheetId)))) {
      if (!v.snapshot?.contact) continue;
      await SheetVersionModel.updateOne({ _id: v._id }, { $unset: { 'snapshot.contact': 1 } });
      versions += 1;
    }
  }
  return [
    ...line(
      'Contact affiché sur une fiche (nom, fonction, e-mail, téléphone)',
      sheets.length,
      'anonymisé',
    ),
    ...line('Version conservée d’une fiche : son contact', versions, 'anonymisé'),
  ];
}

export const sheetsPersonalData: PersonalDataDeclaration = {
  processing: {
    name: 'Fiches du recueil',
    purpose:
      'Publier les pratiques retenues, avec le contact que la personne a choisi d’afficher, après sa validation.',
    legalBasis:
      'Consentement à la publication, donné dans le questionnaire et à la validation de la fiche.',
    people: 'Personnes qui ont répondu et accepté la publication de leur pratique.',
    data: 'Nom, fonction, e-mail et téléphone affichés comme contact, selon le choix de la personne.',
    recipients: 'L’équipe du programme ; les lecteurs du recueil pour le contact publié.',
    retention: () =>
      'Tant que la fiche est publiée, ou jusqu’à la demande d’effacement : la pratique reste, le contact est retiré.',
  },
  fields: {
    Sheet: {
      personal: ['contact.name', 'contact.role', 'contact.email', 'contact.phone'],
      notPersonal: {
        structureName: 'nom de la structure (personne morale)',
        'communes.name': 'nom de commune',
        'qpv.name': 'nom de quartier prioritaire',
        'photos.filename': 'nom de fichier de la photo de la pratique',
        'documents.filename': 'nom de fichier d’un document de la pratique',
      },
    },
    SheetVersion: {
      personal: ['snapshot'],
      notPersonal: {
        'by.email': 'compte de l’équipe (voir les comptes de l’espace de modération)',
        'by.name': 'compte de l’équipe (voir les comptes de l’espace de modération)',
      },
    },
  },
  find: async (subject) => (await sheetsOf(subject)).map(held),
  erase,
};
