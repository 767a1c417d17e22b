import type { MailMessage } from '../lib/mail';
import { linkMessage } from '../lib/mail/compose';

const personalLinkWarning =
  'Ce lien est personnel : ne le transmettez qu’aux personnes qui complètent le questionnaire avec vous.';

export function resumeLinkEmail(to: string, link: string): MailMessage {
  return linkMessage(
    to,
    'Votre lien pour reprendre le questionnaire « Bonnes pratiques de la clause sociale »',
    [
      'Vous avez commencé à répondre au questionnaire « Les bonnes pratiques d’animation de la clause sociale dans les QPV ».',
      'Vos réponses sont enregistrées à chaque étape. Pour les reprendre à tout moment, utilisez ce lien :',
    ],
    link,
    [personalLinkWarning],
  );
}

export function confirmationEmail(to: string, reference: string, link: string): MailMessage {
  return linkMessage(
    to,
    `Réponse reçue – référence ${reference}`,
    [
      `Merci ! Votre réponse au questionnaire « Les bonnes pratiques d’animation de la clause sociale dans les QPV » a bien été envoyée. Sa référence est ${reference}.`,
      'L’équipe du programme la relira avant toute publication, dans le respect de vos choix de diffusion. Vous pouvez compléter ou corriger votre réponse jusqu’à la clôture du questionnaire avec ce lien :',
    ],
    link,
    [personalLinkWarning],
  );
}

export function draftExpiryEmail(to: string, link: string, deletionDate: string): MailMessage {
  return linkMessage(
    to,
    'Votre brouillon de réponse sera supprimé dans un mois',
    [
      'Vous avez commencé à répondre au questionnaire « Les bonnes pratiques d’animation de la clause sociale dans les QPV » sans l’envoyer, et votre brouillon n’a pas été modifié depuis longtemps.',
      `Comme l’indique notre page « Données personnelles », il sera supprimé avec ses fichiers le ${deletionDate} s’il n’est pas enregistré d’ici là. Pour le compléter et l’envoyer, ou le supprimer vous-même, utilisez ce lien :`,
    ],
    link,
    [personalLinkWarning],
  );
}
