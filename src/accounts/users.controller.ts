import { frenchOf } from '../lib/text';
import type { Request, RequestHandler, Response } from 'express';
import { ConflictError } from '../lib/errors';
import { errorsByField, type FieldError, type FormValues } from '../lib/http/form';
import { regions as allRegions, region } from '../reference';
import { setFlash } from './auth-session';
import { sendInvitation } from './invitation';
import type { AuthDeps } from './password-link.controller';
import { resetTotp } from './second-factor.service';
import { roleLabels, roles } from './user.model';
import { createInvitedUser, findUser, listUsers, updateUser } from './user.service';
import { readAccountUpdate, readInvitation } from './users.form';

const roleOptions = roles.map((value) => ({ value, label: roleLabels[value] }));
const regionName = (code: string) => region(code)?.name ?? code;

function renderForm(
  res: Response,
  view: 'users/invite' | 'users/edit',
  form: FormValues,
  extra: Record<string, unknown> = {},
  errors: FieldError[] = [],
) {
  res.status(errors.length ? 422 : 200).render(view, {
    pageTitle: view === 'users/invite' ? 'Inviter une personne' : 'Modifier un compte',
    form,
    roleOptions,
    regionOptions: allRegions(),
    errors,
    errorFor: errorsByField(errors),
    ...extra,
  });
}

const editView = async (req: Request) => {
  const user = await findUser(String(req.params.id));
  return { user, self: user.id === req.user!.id };
};

// GET /moderation/utilisateurs — every account.
export const listAccounts: RequestHandler = async (_req, res) => {
  const users = await listUsers();
  res.render('users/list', {
    pageTitle: 'Utilisateurs',
    users: users.map((u) => ({
      ...u,
      roleLabel: roleLabels[u.role],
      regionNames: u.regions.map(regionName),
    })),
  });
};

// GET /moderation/utilisateurs/inviter — the invitation form.
export const showInvite: RequestHandler = (_req, res) =>
  renderForm(res, 'users/invite', { role: 'moderator' });

// POST /moderation/utilisateurs/inviter — account without password + e-mail with a 72 h link.
export const invite =
  (deps: AuthDeps): RequestHandler =>
  async (req, res) => {
    const { errors, fields, typed } = await readInvitation(req);
    if (errors.length > 0) return renderForm(res, 'users/invite', typed, {}, errors);
    let id: string;
    try {
      id = await createInvitedUser(req.user!, fields, req.ip);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return renderForm(res, 'users/invite', typed, {}, [
        { field: 'email', message: error.message },
      ]);
    }
    await sendInvitation(deps, req.user!, { id, email: fields.email.toLowerCase() }, req.ip);
    await setFlash(req, `Invitation envoyée à ${fields.email}.`);
    res.redirect(303, '/moderation/utilisateurs');
  };

// GET /moderation/utilisateurs/:id — role, régions, active; invitation, second factor.
export const showEdit: RequestHandler = async (req, res) => {
  const view = await editView(req);
  const { user } = view;
  const form = { name: user.name, role: user.role, regions: user.regions };
  renderForm(res, 'users/edit', { ...form, active: user.active ? 'oui' : 'non' }, view);
};

// POST /moderation/utilisateurs/:id — saves the account (disabling ends its sessions).
export const update: RequestHandler = async (req, res) => {
  const { errors, fields, typed } = await readAccountUpdate(req);
  const view = await editView(req);
  if (errors.length > 0) return renderForm(res, 'users/edit', typed, view, errors);
  try {
    await updateUser(req.user!, view.user.id, fields, req.ip);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return renderForm(res, 'users/edit', typed, view, [{ field: 'role', message: error.message }]);
  }
  await setFlash(req, `Compte ${frenchOf(view.user.email)} enregistré.`);
  res.redirect(303, '/moderation/utilisateurs');
};

// POST /moderation/utilisateurs/:id/invitation — a new link for an invitation not yet used.
export const resendInvitation =
  (deps: AuthDeps): RequestHandler =>
  async (req, res) => {
    const { user } = await editView(req);
    await sendInvitation(deps, req.user!, user, req.ip, true);
    await setFlash(req, `Nouvelle invitation envoyée à ${user.email}.`);
    res.redirect(303, `/moderation/utilisateurs/${user.id}`);
  };

// POST /moderation/utilisateurs/:id/double-authentification — lost phone and codes.
export const removeSecondFactor: RequestHandler = async (req, res) => {
  const { user } = await editView(req);
  const done = await resetTotp(req.user!, user, { ip: req.ip });
  await setFlash(
    req,
    done
      ? `Double authentification ${frenchOf(user.email)} réinitialisée : ses sessions sont fermées.`
      : `${user.email} n’a pas de double authentification active.`,
  );
  res.redirect(303, `/moderation/utilisateurs/${user.id}`);
};
