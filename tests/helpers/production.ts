/** What production refuses to start without: a session secret and the controller's details. */
export const productionEnv = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(40),
  CONTROLLER_NAME: 'Alliance Villes Emploi',
  CONTROLLER_ADDRESS: '1 rue de l’Exemple, 75000 Paris',
  CONTROLLER_EMAIL: 'donnees@exemple.fr',
  HOSTING_PROVIDER: 'Hébergeur de test',
  HOSTING_ADDRESS: '2 rue de l’Hébergeur, 59000 Lille',
} as const;
