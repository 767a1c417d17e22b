import { body } from 'express-validator';
import { isText } from '../lib/http/validate';
import { minPasswordLength } from './password';

export const maxPasswordLength = 256;

export const passwordHint = `Au moins ${minPasswordLength} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`;

/** A new password and its confirmation (invitation, reset, account page). */
export const newPasswordRules = (field = 'password') => [
  body(field)
    .custom(isText)
    .withMessage('Saisissez un mot de passe')
    .bail()
    .isLength({ min: minPasswordLength })
    .withMessage(`Le mot de passe doit contenir au moins ${minPasswordLength} caractères`)
    .isLength({ max: maxPasswordLength })
    .withMessage(`Le mot de passe doit contenir au plus ${maxPasswordLength} caractères`),
  body('confirmation')
    .custom((value, { req }) => typeof value === 'string' && value === req.body[field])
    .withMessage('Les deux mots de passe ne sont pas identiques'),
];
