import { line, type PersonalDataDeclaration } from '../lib/personal-data';
import { UserModel } from './user.model';

const shown = {
  email: 1,
  name: 1,
  role: 1,
  regions: 1,
  active: 1,
  createdAt: 1,
  'login.lastAt': 1,
};

export const accountsPersonalData: PersonalDataDeclaration = {
  processing: {
    name: 'Comptes de l’espace de modération',
    purpose:
      'Donner accès à l’espace de modération aux membres de l’équipe, selon leur rôle et leur région.',
    legalBasis: 'Intérêt légitime (organisation du programme).',
    people: 'Membres de l’équipe du programme.',
    data: 'E-mail, nom, rôle, régions ; mot de passe et second facteur (stockés sous forme d’empreinte ou chiffrés) ; dernière connexion.',
    recipients: 'Les administrateurs de la plateforme.',
    retention: () =>
      'Tant que le compte existe ; un compte effacé est anonymisé et ne peut plus se connecter.',
  },
  fields: { User: { personal: ['email', 'name'] } },
  async find(subject) {
    if (!('email' in subject)) return [];
    const user = await UserModel.findOne(
      { email: subject.email.trim().toLowerCase() },
      shown,
    ).lean();
    return user
      ? [{ label: 'Compte de l’espace de modération', detail: user.role, data: user }]
      : [];
  },
  async erase(subject) {
    if (!('email' in subject)) return [];
    const user = await UserModel.findOne(
      { email: subject.email.trim().toLowerCase() },
      { _id: 1 },
    ).lean();
    if (!user) return [];
    // Sessions stop with the account version; the account stays, anonymised, for the journal.
    await UserModel.updateOne(
      { _id: user._id },
      {
        $set: {
          email: `compte-efface-${String(user._id)}@anonyme.invalid`,
          name: '',
          active: false,
          passwordHash: null,
          totpEnabled: false,
          totp: null,
          recoveryCodes: [],
          passwordLink: null,
        },
        $inc: { authVersion: 1 },
      },
    );
    return line('Compte de l’espace de modération (désactivé)', 1, 'anonymisé');
  },
};
