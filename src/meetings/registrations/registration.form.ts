import type { Request } from 'express';
import { body } from 'express-validator';
import { isEmail } from '../../lib/email-address';
import {
  choiceField,
  errorsByField,
  lineField,
  readForm,
  textBlockField,
  type FieldError,
  type FormValues,
} from '../../lib/http/form';
import { department, departments, isActiveTerm, taxonomyOptions } from '../../reference';
import { workshopsOf } from '../meeting.rules';
import type { RegistrationFields } from './registration.service';

/** A required one-line text field with its French message. */
const required = (name: string, message: string, max = 150) =>
  lineField(name, { required: message, max, tooLong: `${message} en ${max} caractères au plus` });

const phoneMessage = 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78';
const emailMessage = 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr';
const accessibilityConsent =
  'Cochez la case pour que les organisateurs tiennent compte de vos besoins, ou laissez le champ des besoins vide';

/** The registration form's fields; `workshops` are the meeting's workshop codes. */
function fields(workshops: string[]) {
  return [
    required('nom', 'Saisissez votre nom', 100),
    required('prenom', 'Saisissez votre prénom', 100),
    lineField('email', { required: emailMessage, max: 254, tooLong: emailMessage })
      .custom((v: string) => isEmail(v))
      .withMessage(emailMessage),
    lineField('telephone', { max: 30, tooLong: phoneMessage, invalid: phoneMessage })
      .matches(/^$|^\+?[0-9 .()-]{6,30}$/)
      .withMessage(phoneMessage),
    required('structure', 'Saisissez le nom de votre structure'),
    choiceField(
      'typeStructure',
      (v) => isActiveTerm('actorTypes', v),
      'Choisissez le type de votre structure',
    ),
    required('fonction', 'Saisissez votre fonction', 100),
    choiceField('departement', (v) => department(v) !== undefined, 'Choisissez votre département'),
    choiceField('atelier', workshops, 'Choisissez un atelier'),
    choiceField('dejeuner', ['oui', 'non'], 'Indiquez si vous déjeunerez sur place'),
    textBlockField('accessibilite', {
      max: 1000,
      tooLong: 'Décrivez vos besoins en 1 000 caractères au plus',
    }),
    // Needs may reveal health (GDPR art. 9): kept only with this explicit consent.
    choiceField('consentementAccessibilite', ['oui'], accessibilityConsent, { optional: true })
      .if(body('accessibilite').notEmpty())
      .equals('oui')
      .withMessage(accessibilityConsent),
    choiceField('consentementListe', ['oui'], 'Cochez la case ou laissez-la vide', {
      optional: true,
    }),
    // The honeypot: a field people never see; bots fill it.
    lineField('siteWeb'),
  ];
}

/** Reads and validates the registration form. */
export async function readRegistration(
  req: Request,
  workshops: string[],
): Promise<{
  errors: FieldError[];
  fields: RegistrationFields;
  typed: FormValues;
  robot: boolean;
}> {
  const {
    values: f,
    errors,
    typed,
  } = await readForm<Record<string, string>>(req, fields(workshops));
  return {
    errors,
    typed,
    robot: f.siteWeb !== '',
    fields: {
      lastName: f.nom,
      firstName: f.prenom,
      email: f.email,
      phone: f.telephone || undefined,
      structure: f.structure,
      structureType: f.typeStructure,
      jobTitle: f.fonction,
      department: f.departement,
      workshop: f.atelier,
      lunch: f.dejeuner === 'oui',
      accessibility: f.accessibilite || undefined,
      listConsent: f.consentementListe === 'oui',
    },
  };
}

/** What the registration form needs to render (public form and the team's manual add). */
export function registrationFormLocals(
  meeting: Parameters<typeof workshopsOf>[0],
  form: FormValues,
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
