import type { MailMessage } from '../lib/mail';
import { linkMessage } from '../lib/mail/compose';

/**
 * « Votre fiche est prête », with the sheet's own approval link (valid `days` days; it replaces
 * any earlier one). The respondent's private resume link also lists the sheets to read.
 */
export function approvalRequestEmail(
  to: string,
  sheetTitle: string,
  reference: string | undefined,
  approvalUrl: string,
  days: number,
  reminder = false,
): MailMessage {
  const before = [
    reminder
      ? `Rappel : la fiche pratique « ${sheetTitle} » attend toujours votre relecture.`
      : `L’équipe éditoriale a préparé, à partir de votre réponse${reference ? ` (référence ${reference})` : ''}, la fiche pratique « ${sheetTitle} ».`,
    `Avant toute publication, nous vous demandons de la relire. Ce lien personnel, valable ${days} jours, vous la présente avec les boutons « Je valide » et « Je demande une modification » :`,
  ];
  const after = [
    'Il remplace tout lien de relecture envoyé auparavant pour cette fiche. Vous retrouvez aussi la fiche depuis le lien personnel reçu lors de l’envoi de votre réponse. Ne transférez pas ce message : le lien permet de répondre en votre nom.',
  ];
  return linkMessage(
    to,
    `${reminder ? 'Rappel – ' : ''}Votre fiche pratique à relire : ${sheetTitle}`,
    before,
    approvalUrl,
    after,
  );
}

/** To the moderator who asked for the approval: the author's answer, with a link to the sheet. */
export function authorAnswerEmail(
  to: string,
  sheetTitle: string,
  approved: boolean,
  comment: string,
  editorUrl: string,
): MailMessage {
  const paragraphs = approved
    ? [`L’auteur a validé la fiche pratique « ${sheetTitle} ». Vous pouvez la publier.`]
    : [
        `L’auteur demande une modification de la fiche pratique « ${sheetTitle} » :`,
        `« ${comment} »`,
      ];
  return linkMessage(
    to,
    `${approved ? 'Fiche validée' : 'Modification demandée'} : ${sheetTitle}`,
    paragraphs,
    editorUrl,
  );
}
