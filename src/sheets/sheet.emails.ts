import type { MailMessage } from '../lib/mail';

const signature =
  'L’équipe du Tour de France de la clause sociale\nAlliance Villes Emploi – ave@ville-emploi.asso.fr';
const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * « Votre fiche est prête »: the resume link is never stored (only its hash), so the message
 * sends the respondent back to the private link they received; its page lists the sheets to read.
 */
export function approvalRequestEmail(
  to: string,
  sheetTitle: string,
  reference: string | undefined,
  questionnaireUrl: string,
  reminder = false,
): MailMessage {
  const paragraphs = [
    reminder
      ? `Rappel : la fiche pratique « ${sheetTitle} » attend toujours votre relecture.`
      : `L’équipe éditoriale a préparé, à partir de votre réponse${reference ? ` (référence ${reference})` : ''}, la fiche pratique « ${sheetTitle} ».`,
    'Avant toute publication, nous vous demandons de la relire. Ouvrez le lien personnel reçu lors de l’envoi de votre réponse : sa page d’accueil vous présente la fiche, avec les boutons « Je valide » et « Je demande une modification ».',
    `Vous ne retrouvez pas ce lien ? Répondez à ce message, ou rendez-vous sur ${questionnaireUrl}.`,
  ];
  const text = `Bonjour,\n\n${paragraphs.join('\n\n')}\n\n${signature}\n`;
  const html =
    `<p>Bonjour,</p>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}` +
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
