import { accountsPersonalData } from '../accounts';
import { journalPersonalData } from '../audit';
import { importPersonalData } from '../import';
import type { Config } from '../lib/config';
import { rateLimitPersonalData } from '../lib/http/rate-limit-store';
import { outboxPersonalData } from '../lib/mail/personal-data';
import type { PersonalDataDeclaration } from '../lib/personal-data';
import { registrationsPersonalData } from '../meetings';
import { responsesPersonalData } from '../questionnaire';
import { sheetsPersonalData } from '../sheets';

/**
 * Every declaration of personal data, in the chain's order. The privacy page, the record of
 * processing activities, access, erasure and retention read this list and nothing else: a
 * collection left out of it is caught by the registry's test.
 */
export function personalDataRegistry(config: Config): PersonalDataDeclaration[] {
  return [
    responsesPersonalData,
    sheetsPersonalData,
    registrationsPersonalData,
    importPersonalData,
    accountsPersonalData,
    journalPersonalData,
    rateLimitPersonalData,
    ...(config.isProduction ? [] : [outboxPersonalData(config)]),
  ];
}
