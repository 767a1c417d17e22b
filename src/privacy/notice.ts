import type { RequestHandler } from 'express';
import type { Config } from '../lib/config';
import { streamCsv } from '../lib/export';
import { cachedPage, renderPage } from '../lib/http/page-cache';
import { slugify } from '../lib/text';
import { personalDataRegistry } from './registry';

/** Each processing as the page and the record say it, retention from the configured durations. */
export function processings(config: Config) {
  return personalDataRegistry(config).map(({ processing: p }) => ({
    id: slugify(p.name),
    name: p.name,
    purpose: p.purpose,
    legalBasis: p.legalBasis,
    people: p.people,
    data: p.data,
    recipients: p.recipients,
    retention: p.retention(config.retention),
  }));
}

// GET /donnees-personnelles — the privacy notice, from the configuration and the registry.
export const noticePage = (config: Config): RequestHandler =>
  cachedPage((_req, res) =>
    renderPage(res, 'privacy/notice', {
      pageTitle: 'Données personnelles',
      controller: config.controller,
      processings: processings(config),
    }),
  );

const security =
  'HTTPS ; mots de passe argon2id ; second facteur obligatoire pour les administrateurs ; liens personnels stockés sous forme d’empreinte ; accès limité par rôle et par région ; journal des actions ; limitation des envois par adresse IP.';

// GET /moderation/donnees-personnelles/registre.csv — the record of processing activities (art. 30).
export const processingRecord =
  (config: Config): RequestHandler =>
  async (_req, res) => {
    const c = config.controller;
    async function* rows() {
      for (const p of processings(config)) {
        yield [
          p.name,
          `${c.name}, ${c.address}, ${c.email}`,
          c.dpoEmail ?? '',
          p.purpose,
          p.legalBasis,
          p.people,
          p.data,
          p.recipients,
          'Aucun',
          p.retention,
          `${c.hostingProvider}, ${c.hostingAddress}`,
          security,
        ];
      }
    }
    await streamCsv(
      res,
      'registre-des-traitements.csv',
      [
        'Traitement',
        'Responsable du traitement',
        'Délégué à la protection des données',
        'Finalité',
        'Base légale',
        'Personnes concernées',
        'Catégories de données',
        'Destinataires',
        'Transferts hors Union européenne',
        'Durée de conservation',
        'Hébergeur',
        'Mesures de sécurité',
      ],
      rows(),
    );
  };
