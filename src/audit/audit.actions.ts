/**
 * Every action the audit log records, with its French label (journal page and its filter).
 * The filter only accepts these keys. A feature adds its own actions here.
 */
export const auditActions = {
  'login.success': 'Connexion réussie',
  'login.failure': 'Échec de connexion',
  'login.locked': 'Connexion suspendue après trop d’échecs',
  logout: 'Déconnexion',
  'totp.enabled': 'Double authentification activée',
  'totp.disabled': 'Double authentification désactivée',
  'totp.reset': 'Double authentification réinitialisée',
  'recovery-code.used': 'Code de secours utilisé',
  'recovery-codes.renewed': 'Nouveaux codes de secours',
  'user.invited': 'Invitation envoyée',
  'user.updated': 'Compte modifié',
  'user.disabled': 'Compte désactivé',
  'user.enabled': 'Compte réactivé',
  'password.reset-requested': 'Lien de mot de passe oublié envoyé',
  'password.set': 'Mot de passe défini par lien',
  'password.changed': 'Mot de passe modifié',
  // --- Responses inbox and review (src/moderation) ---
  'response.status-changed': 'Statut d’une réponse changé',
  'response.note-added': 'Note interne ajoutée',
  'responses.exported': 'Export des réponses',
  // Editorial sheets, approval by their authors, taxonomy, import
  'sheet.created': 'Fiche pratique créée',
  'sheet.approval-requested': 'Validation demandée à l’auteur',
  'sheet.approval-reminded': 'Relance de l’auteur',
  'sheet.approved': 'Fiche validée par son auteur',
  'sheet.change-requested': 'Modification demandée par l’auteur',
  'sheet.published': 'Fiche publiée',
  'sheet.unpublished': 'Fiche dépubliée',
  'taxonomy.changed': 'Taxonomie modifiée',
  'import.done': 'Import de données',
  'examples.removed': 'Données d’exemple retirées',
  // Meetings and registrations
  'meeting.created': 'Rencontre créée',
  'meeting.updated': 'Rencontre modifiée',
  'meeting.document-added': 'Document de rencontre ajouté',
  'meeting.document-removed': 'Document de rencontre retiré',
  'registration.added': 'Inscription ajoutée par l’équipe',
  'registration.moved': 'Inscription changée d’atelier',
  'registration.cancelled': 'Inscription annulée par l’équipe',
  'registration.checked-in': 'Présence enregistrée',
  'registrations.exported': 'Liste des inscrits exportée',
  'registrations.anonymised': 'Inscriptions anonymisées',
  // Personal data (src/privacy): what was done, never whose data
  'personal-data.exported': 'Données d’une personne exportées',
  'personal-data.erased': 'Données d’une personne effacées',
  'retention.run': 'Durées de conservation appliquées',
} as const;

export type AuditAction = keyof typeof auditActions;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActions, value);
}

/** French names of the `details` keys shown in the journal (other keys are shown as they are). */
export const detailLabels: Record<string, string> = {
  reason: 'motif',
  method: 'méthode',
  email: 'adresse saisie',
  remaining: 'codes restants',
  minutes: 'durée (minutes)',
  role: 'rôle',
  regions: 'régions',
  name: 'nom',
  purpose: 'lien',
  resent: 'renvoi',
  // --- Responses inbox (src/moderation) ---
  from: 'ancien statut',
  to: 'nouveau statut',
  bulk: 'changement groupé',
  format: 'format',
  count: 'réponses',
  filters: 'filtres',
  // Editorial sheets, taxonomy, import
  reference: 'réponse',
  revision: 'version de la fiche',
  comment: 'commentaire',
  change: 'changement',
  code: 'code',
  label: 'libellé',
  merged: 'terme fusionné',
  into: 'fusionné dans',
  kind: 'type',
  created: 'lignes créées',
  existing: 'lignes déjà importées',
  rejected: 'lignes en erreur',
  via: 'par',
};

/** French wording of the coded values found in `details` (others are shown as they are). */
export const detailValueLabels: Record<string, string> = {
  password: 'mot de passe',
  code: 'code de vérification',
  totp: 'code de l’application',
  'recovery-code': 'code de secours',
  enrolment: 'activation de la double authentification',
  unknown: 'adresse inconnue',
  'account-unavailable': 'compte désactivé ou sans mot de passe',
  locked: 'connexion suspendue',
  invitation: 'invitation',
  reset: 'mot de passe oublié',
  admin: 'administrateur',
  moderator: 'modérateur',
  true: 'oui',
  false: 'non',
  // --- Responses inbox (src/moderation) ---
  recue: 'reçue',
  'en-examen': 'en examen',
  retenue: 'retenue',
  ecartee: 'écartée',
  archivee: 'archivée',
};
