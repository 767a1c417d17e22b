import type { Request } from 'express';
import { body } from 'express-validator';
import { isEmail } from '../lib/email-address';
import { region } from '../reference';
import { isText, validateForm, type FieldError } from '../lib/http/validate';
import { roles, type Role } from './user.model';
import type { AccountFields } from './user.service';
import { singleLine } from '../lib/text';

/** The régions field: absent, one code or several (checkboxes), every one a known INSEE code. */
function regionList(value: unknown): string[] | null {
  const list = value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
  if (!list.every((code) => typeof code === 'string' && region(code))) return null;
  return [...new Set(list as string[])];
}

const accountRules = [
  body('name')
    .custom(isText)
    .withMessage('Saisissez le nom de la personne')
    .bail()
    .customSanitizer(singleLine)
    .isLength({ min: 1, max: 100 })
    .withMessage('Saisissez le nom de la personne (100 caractères au plus)'),
  body('role')
    .custom((value) => roles.includes(value as Role))
    .withMessage('Choisissez un rôle'),
  body('regions')
    .custom((value) => regionList(value) !== null)
    .withMessage('Choisissez des régions de la liste'),
];

/** The e-mail field of a form (invitation, « mot de passe oublié »). */
export const emailRule = () =>
  body('email')
    .custom(isText)
    .withMessage('Saisissez une adresse e-mail valide, par exemple nom@exemple.fr')
    .bail()
    .trim()
    .custom((value: string) => isEmail(value))
    .withMessage('Saisissez une adresse e-mail valide, par exemple nom@exemple.fr');

const activeRule = body('active')
  .custom((value) => value === 'oui' || value === 'non')
  .withMessage('Indiquez si le compte est actif');

function fields(req: Request): AccountFields {
  const form = req.body as Record<string, unknown>;
  return {
    name: String(form.name),
    role: form.role as Role,
    regions: regionList(form.regions) ?? [],
  };
}

/** The invitation form: e-mail, name, role, régions. */
export async function readInvitation(
  req: Request,
): Promise<{ errors: FieldError[]; fields: AccountFields & { email: string } }> {
  const errors = await validateForm(req, [emailRule(), ...accountRules]);
  return { errors, fields: { ...fields(req), email: String(req.body.email) } };
}

/** The edit form: name, role, régions, active. */
export async function readAccountUpdate(
  req: Request,
): Promise<{ errors: FieldError[]; fields: AccountFields & { active: boolean } }> {
  const errors = await validateForm(req, [...accountRules, activeRule]);
  return { errors, fields: { ...fields(req), active: req.body.active === 'oui' } };
}
