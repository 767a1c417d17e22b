import type { MailMessage } from './index';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const signature =
  'L’équipe du Tour de France de la clause sociale\nAlliance Villes Emploi – ave@ville-emploi.asso.fr';

/** A short French e-mail around one link, as plain text and the same as escaped HTML. */
export function linkMessage(
  to: string,
  subject: string,
  before: string[],
  link: string,
  after: string[] = [],
): MailMessage {
  const text = ['Bonjour,', ...before, link, ...after, signature].join('\n\n') + '\n';
  const html =
    ['Bonjour,', ...before].map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
    after.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<p>${signature.split('\n').map(escapeHtml).join('<br>')}</p>`;
  return { to, subject, text, html };
}

/** A short French e-mail without a link, as plain text and the same as escaped HTML. */
export function textMessage(to: string, subject: string, paragraphs: string[]): MailMessage {
  const all = ['Bonjour,', ...paragraphs];
  return {
    to,
    subject,
    text: [...all, signature].join('\n\n') + '\n',
    html:
      all.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
      `<p>${signature.split('\n').map(escapeHtml).join('<br>')}</p>`,
  };
}
