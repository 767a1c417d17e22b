import mongoose, { Schema } from 'mongoose';
import request from 'supertest';
import '../../../src/app';
import { loadConfig } from '../../../src/lib/config';
import type { PersonalDataDeclaration } from '../../../src/lib/personal-data';
import { personalDataRegistry } from '../../../src/privacy';
import { allQuestions } from '../../../src/questionnaire/questionnaire';
import { buildTestApp } from '../../helpers/app';
import { useTestDatabase } from '../../helpers/db';
import { productionEnv } from '../../helpers/production';

useTestDatabase();

/** A field name that looks like a person's e-mail, name, phone or address (IP). */
const looksPersonal = /(e-?mail|name|nom|phone|telephone|tel|ip)$/i;

/** Every path of a schema, nested schemas and arrays of them included. */
function pathsOf(schema: Schema, prefix = ''): string[] {
  const paths: string[] = [];
  schema.eachPath((path, type) => {
    const full = `${prefix}${path}`;
    paths.push(full);
    const nested = (type as unknown as { schema?: Schema }).schema;
    if (nested) paths.push(...pathsOf(nested, `${full}.`));
  });
  return paths;
}

/** The fields of `models` that look personal and that no declaration covers (or an ancestor). */
function uncovered(models: string[], registry: PersonalDataDeclaration[]): string[] {
  const covered = (model: string, path: string) =>
    registry.some((d) => {
      const fields = d.fields[model];
      if (!fields) return false;
      const all = [...fields.personal, ...Object.keys(fields.notPersonal ?? {})];
      return all.some((f) => path === f || path.startsWith(`${f}.`));
    });
  return models.flatMap((model) =>
    pathsOf(mongoose.model(model).schema as Schema)
      .filter((path) => looksPersonal.test(path.split('.').at(-1)!))
      .filter((path) => !covered(model, path))
      .map((path) => `${model}.${path}`),
  );
}

const registry = personalDataRegistry(loadConfig({ NODE_ENV: 'test' }));

describe('the registry of personal data', () => {
  it('when any model has an e-mail, name, phone or IP field, then a declaration covers it', () => {
    expect(uncovered(mongoose.modelNames(), registry)).toEqual([]);
  });

  it('when a new model holds an e-mail that nobody declared, then the check names it', () => {
    mongoose.model(
      'Newsletter',
      new Schema({ contactEmail: String, person: new Schema({ lastName: String }) }),
    );
    try {
      expect(uncovered(['Newsletter'], registry)).toEqual([
        'Newsletter.contactEmail',
        'Newsletter.person.lastName',
      ]);
    } finally {
      mongoose.deleteModel('Newsletter');
    }
  });

  it('when the questionnaire asks a name, an e-mail or a phone, then the responses declare that answer', () => {
    const asked = allQuestions
      .filter((q) => ['name', 'email', 'tel'].includes(q.autocomplete ?? ''))
      .map((q) => `answers.${q.id}`);
    expect(asked).toEqual([
      'answers.nomRepondant',
      'answers.emailRepondant',
      'answers.telephoneRepondant',
    ]);
    const declared = registry.flatMap((d) => d.fields.Response?.personal ?? []);
    expect(declared).toEqual(expect.arrayContaining(asked));
  });
});

describe('the privacy page', () => {
  it('when durations and the controller are configured, then the page says them, and sets no cookie', async () => {
    const { app } = buildTestApp({
      RETENTION_DRAFT_MONTHS: '7',
      RETENTION_RESPONSE_YEARS: '5',
      RETENTION_JOURNAL_MONTHS: '9',
      RETENTION_IP_DAYS: '14',
      CONTROLLER_NAME: 'Association Exemple',
      CONTROLLER_ADDRESS: '12 rue de la République, 69001 Lyon',
      CONTROLLER_EMAIL: 'dpo-contact@exemple.org',
      DPO_EMAIL: 'dpo@exemple.org',
      HOSTING_PROVIDER: 'Hébergeur Exemple SAS',
      HOSTING_ADDRESS: '1 avenue du Cloud, 75001 Paris',
    });
    const res = await request(app).get('/donnees-personnelles');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('Association Exemple, 12 rue de la République, 69001 Lyon');
    expect(res.text).toContain('mailto:dpo@exemple.org');
    expect(res.text).toContain('Hébergeur Exemple SAS');
    expect(res.text).not.toContain('à configurer');
    expect(res.text).toContain('supprimés 7 mois après leur dernier enregistrement');
    expect(res.text).toContain('effacés 5 ans après la clôture du questionnaire');
    expect(res.text).toContain(
      'Entrées supprimées après 9 mois ; adresses IP tronquées après 14 jours.',
    );
    expect(res.text).toContain('Besoins d’accessibilité : effacés le lendemain de la rencontre');
    expect(res.text).toContain('jeton de protection des formulaires');
  });

  it('when production starts without the controller details, then the configuration names each one', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: productionEnv.SESSION_SECRET }),
    ).toThrow(
      /CONTROLLER_NAME[\s\S]*CONTROLLER_ADDRESS[\s\S]*CONTROLLER_EMAIL[\s\S]*HOSTING_PROVIDER[\s\S]*HOSTING_ADDRESS/,
    );
  });
});
