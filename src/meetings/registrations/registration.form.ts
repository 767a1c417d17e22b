import type { Request } from 'express';
import { body } from 'express-validator';
import { isEmail } from '../../lib/email-address';
import { errorsByField, isText, validateForm, type FieldError } from '../../lib/http/validate';
import { workshopsOf } from '../meeting.rules';
import { department, departments } from '../../reference';
import { isActiveTerm, taxonomyOptions } from '../../reference';
import type { RegistrationFields } from './registration.service';
import { multiLine, singleLine } from '../../lib/text';

/** A required one-line text field with its French message. */
const required = (name: string, message: string, max = 150) =>
  body(name)
    .custom(isText)
    .withMessage(message)
    .bail()
    .customSanitizer(singleLine)
    .notEmpty()
    .withMessage(message)
    .bail()
    .isLength({ max })
    .withMessage(`${message} en ${max} caractères au plus`);

const optional = (name: string, message: string, max: number, lines = singleLine) =>
  body(name)
    .optional({ values: 'falsy' })
    .custom(isText)
    .withMessage(message)
    .bail()
    .customSanitizer(lines)
    .isLength({ max })
    .withMessage(message);

/** The registration form's rules; `workshops` are the meeting's workshop codes. */
function rules(workshops: string[]) {
  return [
    required('nom', 'Saisissez votre nom', 100),
    required('prenom', 'Saisissez votre prénom', 100),
    body('email')
      .custom(isText)
      .withMessage('Saisissez une adresse e-mail valide, par exemple nom@exemple.fr')
      .bail()
      .trim()
      .custom((v: string) => isEmail(v))
      .withMessage('Saisissez une adresse e-mail valide, par exemple nom@exemple.fr'),
    optional('telephone', 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78', 30)
      .bail()
      .matches(/^$|^\+?[0-9 .()-]{6,30}$/)
      .withMessage('Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78'),
    required('structure', 'Saisissez le nom de votre structure'),
    body('typeStructure')
      .custom((v) => typeof v === 'string' && isActiveTerm('actorTypes', v))
      .withMessage('Choisissez le type de votre structure'),
    required('fonction', 'Saisissez votre fonction', 100),
    body('departement')
      .custom((v) => typeof v === 'string' && department(v) !== undefined)
      .withMessage('Choisissez votre département'),
    body('atelier')
      .custom((v) => typeof v === 'string' && workshops.includes(v))
      .withMessage('Choisissez un atelier'),
    body('dejeuner')
      .custom((v) => v === 'oui' || v === 'non')
      .withMessage('Indiquez si vous déjeunerez sur place'),
    optional('accessibilite', 'Décrivez vos besoins en 1 000 caractères au plus', 1000, multiLine),
    body('consentementListe')
      .optional()
      .custom((v) => v === 'oui')
      .withMessage('Cochez la case ou laissez-la vide'),
  ];
}

/** Reads and validates the registration form. */
export async function readRegistration(
  req: Request,
  workshops: string[],
): Promise<{ errors: FieldError[]; fields: RegistrationFields }> {
  const errors = await validateForm(req, rules(workshops));
  const f = req.body as Record<string, string | undefined>;
  return {
    errors,
    fields: {
      lastName: String(f.nom),
      firstName: String(f.prenom),
      email: String(f.email),
      phone: f.telephone || undefined,
      structure: String(f.structure),
      structureType: String(f.typeStructure),
      jobTitle: String(f.fonction),
      department: String(f.departement),
      workshop: String(f.atelier),
      lunch: f.dejeuner === 'oui',
      accessibility: f.accessibilite || undefined,
      listConsent: f.consentementListe === 'oui',
    },
  };
}

/** The honeypot: a field people never see; bots fill it. */
export const honeypotFilled = (req: Request) => {
  const v = (req.body as Record<string, unknown> | undefined)?.siteWeb;
  return v !== undefined && v !== '';
};

/** What the registration form needs to render (public form and the team's manual add). */
export function registrationFormLocals(
  meeting: Parameters<typeof workshopsOf>[0],
  form: Record<string, string>,
  errors: FieldError[],
) {
  return {
    meeting,
    workshops: workshopsOf(meeting),
    structureTypes: taxonomyOptions('actorTypes'),
    departments: departments(),
    form,
    errors,
    errorFor: errorsByField(errors),
  };
}
