import type { Request } from 'express';
import { isEmail } from '../lib/email-address';
import { choiceField, lineField, listField, readForm, type ReadForm } from '../lib/http/form';
import { region } from '../reference';
import { roles, type Role } from './user.model';
import type { AccountFields } from './user.service';

const accountFields = () => [
  lineField('name', {
    required: 'Saisissez le nom de la personne',
    max: 100,
    tooLong: 'Saisissez le nom de la personne (100 caractères au plus)',
  }),
  choiceField('role', roles, 'Choisissez un rôle'),
  listField('regions', {
    allowed: (code) => region(code) !== undefined,
    message: 'Choisissez des régions de la liste',
  }),
];

/** The e-mail field of a form (invitation, « mot de passe oublié »). */
export const emailField = () =>
  lineField('email', {
    required: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
  })
    .custom((value: string) => isEmail(value))
    .withMessage('Saisissez une adresse e-mail valide, par exemple nom@exemple.fr');

type Values = { name: string; role: Role; regions: string[]; email: string; active: string };

function account(values: Values): AccountFields {
  return { name: values.name, role: values.role, regions: [...new Set(values.regions)] };
}

/** The invitation form: e-mail, name, role, régions. */
export async function readInvitation(
  req: Request,
): Promise<ReadForm<Values> & { fields: AccountFields & { email: string } }> {
  const form = await readForm<Values>(req, [emailField(), ...accountFields()]);
  return { ...form, fields: { ...account(form.values), email: form.values.email } };
}

/** The edit form: name, role, régions, active. */
export async function readAccountUpdate(
  req: Request,
): Promise<ReadForm<Values> & { fields: AccountFields & { active: boolean } }> {
  const form = await readForm<Values>(req, [
    ...accountFields(),
    choiceField('active', ['oui', 'non'], 'Indiquez si le compte est actif'),
  ]);
  return { ...form, fields: { ...account(form.values), active: form.values.active === 'oui' } };
}
