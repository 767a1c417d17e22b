import { Types } from 'mongoose';
import { createHash, randomBytes } from 'node:crypto';
import type { Answers } from '../../src/questionnaire/question-types';
import { ResponseModel } from '../../src/questionnaire/response.model';

/** Stored answers of a complete response (the questionnaire's storage format). */
export const storedAnswers = {
  nomRepondant: 'Camille Martin',
  nomStructure: 'PLIE de démonstration',
  typeStructure: 'plie',
  emailRepondant: 'camille.martin@exemple.fr',
  territoire: {
    region: '24',
    department: '45',
    communes: [{ code: '45234', name: 'Orléans' }],
  },
  qpvConcernes: [{ code: 'QP045004', name: 'La Source', generation: 2015 as const }],
  projetNpnru: 'oui',
  titrePratique: 'Un guichet unique de la clause sociale',
  resumePratique: 'Un guichet unique accompagne acheteurs et entreprises.',
  contextePratique: 'Des marchés de travaux nombreux.',
  objectifsPratique: 'Augmenter la part des habitants des QPV.',
  actionsPratique: 'Repérage, préparation, suivi dans l’emploi.',
  partenaires: 'Ville, bailleurs, France Travail.',
  facteursReussite: 'Un interlocuteur unique.',
  difficultes: 'La mobilité des candidats.',
  transferabilite: 'Reproductible dans toute agglomération.',
  perspectives: 'Étendre aux marchés de services.',
  dateDebut: '2021-03',
  dateFin: '2022-12',
  statutPratique: 'terminee',
  thematiques: ['atelier-a-diversifier'],
  leviersJuridiques: ['condition-execution'],
  famillesMarches: ['travaux'],
  publicsCibles: ['femmes'],
  heuresRealisees: 9000,
  participants: 40,
  participantesFemmes: 12,
  participantsQpv: 20,
  participantsMoins26: 7,
  sortiesEmploiDurable: 10,
  montantMarches: 1250000.5,
  consentementPublication: 'oui-publication',
  contactPublic: 'nom-structure-email',
  consentementDonnees: 'oui',
};

let counter = 0;

/** A sent response inserted straight into the database, with its private resume token. */
export async function insertSentResponse(answers: Answers = storedAnswers) {
  // Shaped as the app makes them: the response's id, then the secret.
  const _id = new Types.ObjectId();
  const token = `${_id.toHexString()}${randomBytes(32).toString('base64url')}`;
  counter += 1;
  const response = await ResponseModel.create({
    _id,
    tokenHash: createHash('sha256').update(token).digest('hex'),
    status: 'envoyee',
    definitionVersion: 1,
    answers,
    sectionStatus: {},
    contactEmail: 'camille.martin@exemple.fr',
    reference: `BP-2026-${String(counter + process.pid).padStart(5, '0')}`,
    submittedAt: new Date(),
  });
  return { token, id: String(response._id) };
}
