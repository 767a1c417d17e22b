import { body } from 'express-validator';
import type { FieldError } from '../lib/http/form';
import { minPasswordLength } from './password';

export const maxPasswordLength = 256;

export const passwordHint = `Au moins ${minPasswordLength} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`;

/** A new password and its confirmation (invitation, reset, account page), kept as typed. */
export const newPasswordFields = () => [
  body('password')
    .default('')
    .custom((v: unknown) => typeof v === 'string')
    .withMessage('Saisissez un mot de passe')
    .bail()
    .isLength({ min: minPasswordLength })
    .withMessage(`Le mot de passe doit contenir au moins ${minPasswordLength} caractères`)
    .isLength({ max: maxPasswordLength })
    .withMessage(`Le mot de passe doit contenir au plus ${maxPasswordLength} caractères`),
  body('confirmation')
    .default('')
    .custom((v: unknown) => typeof v === 'string')
    .withMessage('Les deux mots de passe ne sont pas identiques'),
];

/** The confirmation must repeat the new password. */
export function confirmationErrors(values: {
  password: string;
  confirmation: string;
}): FieldError[] {
  return values.confirmation === values.password
    ? []
    : [{ field: 'confirmation', message: 'Les deux mots de passe ne sont pas identiques' }];
}
