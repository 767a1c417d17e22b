import type { MailMessage } from '../lib/mail';

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const signature =
  'L’équipe du Tour de France de la clause sociale\nAlliance Villes Emploi – ave@ville-emploi.asso.fr';

function message(to: string, subject: string, paragraphs: string[], link: string): MailMessage {
  const text = `Bonjour,\n\n${paragraphs.join('\n\n')}\n\n${link}\n\nCe lien est personnel : ne le transmettez qu’aux personnes qui complètent le questionnaire avec vous.\n\n${signature}\n`;
  const html =
    `<p>Bonjour,</p>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}` +
    `<p><a href="${escape(link)}">${escape(link)}</a></p>` +
    '<p>Ce lien est personnel : ne le transmettez qu’aux personnes qui complètent le questionnaire avec vous.</p>' +
    `<p>${signature.split('\n').map(escape).join('<br>')}</p>`;
  return { to, subject, text, html };
}

export function resumeLinkEmail(to: string, link: string): MailMessage {
  return message(
    to,
    'Votre lien pour reprendre le questionnaire « Bonnes pratiques de la clause sociale »',
    [
      'Vous avez commencé à répondre au questionnaire « Les bonnes pratiques d’animation de la clause sociale dans les QPV ».',
      'Vos réponses sont enregistrées à chaque étape. Pour les reprendre à tout moment, utilisez ce lien :',
    ],
    link,
  );
}

export function confirmationEmail(to: string, reference: string, link: string): MailMessage {
  return message(
    to,
    `Réponse reçue – référence ${reference}`,
    [
      `Merci ! Votre réponse au questionnaire « Les bonnes pratiques d’animation de la clause sociale dans les QPV » a bien été envoyée. Sa référence est ${reference}.`,
      'L’équipe du programme la relira avant toute publication, dans le respect de vos choix de diffusion. Vous pouvez compléter ou corriger votre réponse jusqu’à la clôture du questionnaire avec ce lien :',
    ],
    link,
  );
}
