import type { MailMessage } from '../lib/mail';
import { linkMessage } from '../lib/mail/compose';

const product = '« Bonnes pratiques de la clause sociale »';

export function invitationEmail(
  to: string,
  invitedBy: string,
  link: string,
  hours: number,
): MailMessage {
  return linkMessage(
    to,
    `Invitation à l’espace de modération ${product}`,
    [
      `${invitedBy} vous invite à rejoindre l’espace de modération de la plateforme ${product} du Tour de France de la clause sociale.`,
      `Pour activer votre compte, choisissez votre mot de passe avec ce lien, valable ${hours} heures et une seule fois :`,
    ],
    link,
    [
      'Si le lien a expiré, demandez une nouvelle invitation à la personne qui vous a invité, ou utilisez « Mot de passe oublié » sur la page de connexion.',
    ],
  );
}

export function resetEmail(to: string, link: string, hours: number): MailMessage {
  return linkMessage(
    to,
    `Nouveau mot de passe pour ${product}`,
    [
      'Une demande de nouveau mot de passe a été faite pour votre compte de l’espace de modération.',
      `Pour choisir un nouveau mot de passe, utilisez ce lien, valable ${hours === 1 ? 'une heure' : `${hours} heures`} et une seule fois :`,
    ],
    link,
    [
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.',
    ],
  );
}
