import type { MailMessage } from '../lib/mail';

const signature =
  'L’équipe du Tour de France de la clause sociale\nAlliance Villes Emploi – ave@ville-emploi.asso.fr';
const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

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
  const text = `Bonjour,\n\n${[...before, approvalUrl, ...after].join('\n\n')}\n\n${signature}\n`;
  const html =
    `<p>Bonjour,</p>${before.map((p) => `<p>${escape(p)}</p>`).join('')}` +
    `<p><a href="${escape(approvalUrl)}">${escape(approvalUrl)}</a></p>` +
    `${after.map((p) => `<p>${escape(p)}</p>`).join('')}` +
    `<p>${signature.split('\n').map(escape).join('<br>')}</p>`;
  return {
    to,
    subject: `${reminder ? 'Rappel – ' : ''}Votre fiche pratique à relire : ${sheetTitle}`,
    text,
    html,
  };
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
  const text = `Bonjour,\n\n${paragraphs.join('\n\n')}\n\n${editorUrl}\n`;
  const html =
    `<p>Bonjour,</p>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}` +
    `<p><a href="${escape(editorUrl)}">${escape(editorUrl)}</a></p>`;
  return {
    to,
    subject: `${approved ? 'Fiche validée' : 'Modification demandée'} : ${sheetTitle}`,
    text,
    html,
  };
}
