import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from './auth-session';
import { sendInvitation } from './invitation';
import type { AuthDeps } from './password-link.controller';
import { resetTotp } from './second-factor.service';
import { ConflictError } from '../lib/errors';
import { errorsByField, type FieldError } from '../lib/http/validate';
import { regions as allRegions, region } from '../reference';
import { readAccountUpdate, readInvitation } from './users.form';
import { roleLabels, roles } from './user.model';
import { createInvitedUser, findUser, listUsers, updateUser } from './user.service';

const roleOptions = roles.map((value) => ({ value, label: roleLabels[value] }));
const regionName = (code: string) => region(code)?.name ?? code;

/** Form values as typed (strings and lists of strings only). */
function typed(req: Request): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries((req.body ?? {}) as Record<string, unknown>).filter(
      ([, v]) =>
        typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
    ),
  ) as Record<string, string | string[]>;
}

export function usersController(deps: AuthDeps) {
  // GET /moderation/utilisateurs — every account.
  const list: RequestHandler = async (_req, res) => {
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

  const renderForm = (
    res: Response,
    view: 'users/invite' | 'users/edit',
    form: Record<string, string | string[]>,
    extra: Record<string, unknown> = {},
    errors: FieldError[] = [],
  ) =>
    res.status(errors.length ? 422 : 200).render(view, {
      pageTitle: view === 'users/invite' ? 'Inviter une personne' : 'Modifier un compte',
      form,
      roleOptions,
      regionOptions: allRegions(),
      errors,
      errorFor: errorsByField(errors),
      ...extra,
    });

  // GET /moderation/utilisateurs/inviter — the invitation form.
  const showInvite: RequestHandler = (_req, res) =>
    renderForm(res, 'users/invite', { role: 'moderator' });

  // POST /moderation/utilisateurs/inviter — account without password + e-mail with a 72 h link.
  const invite: RequestHandler = async (req, res) => {
    const { errors, fields } = await readInvitation(req);
    if (errors.length > 0) return renderForm(res, 'users/invite', typed(req), {}, errors);
    let id: string;
    try {
      id = await createInvitedUser(req.user!, fields, req.ip);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const conflict = [{ field: 'email', message: error.message }];
      return renderForm(res, 'users/invite', typed(req), {}, conflict);
    }
    await sendInvitation(deps, req.user!, { id, email: fields.email.toLowerCase() }, req.ip);
    await setFlash(req, `Invitation envoyée à ${fields.email}.`);
    res.redirect(303, '/moderation/utilisateurs');
  };

  const editView = async (req: Request) => {
    const user = await findUser(String(req.params.id));
    return { user, self: user.id === req.user!.id };
  };

  // GET /moderation/utilisateurs/:id — role, régions, active; invitation, second factor.
  const showEdit: RequestHandler = async (req, res) => {
    const view = await editView(req);
    const { user } = view;
    renderForm(
      res,
      'users/edit',
      {
        name: user.name,
        role: user.role,
        regions: user.regions,
        active: user.active ? 'oui' : 'non',
      },
      view,
    );
  };

  // POST /moderation/utilisateurs/:id — saves the account (disabling ends its sessions).
  const update: RequestHandler = async (req, res) => {
    const { errors, fields } = await readAccountUpdate(req);
    const view = await editView(req);
    if (errors.length > 0) return renderForm(res, 'users/edit', typed(req), view, errors);
    try {
      await updateUser(req.user!, view.user.id, fields, req.ip);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const conflict = [{ field: 'role', message: error.message }];
      return renderForm(res, 'users/edit', typed(req), view, conflict);
    }
    await setFlash(req, `Compte de ${view.user.email} enregistré.`);
    res.redirect(303, '/moderation/utilisateurs');
  };

  // POST /moderation/utilisateurs/:id/invitation — a new link for an invitation not yet used.
  const resendInvitation: RequestHandler = async (req, res) => {
    const { user } = await editView(req);
    await sendInvitation(deps, req.user!, user, req.ip, true);
    await setFlash(req, `Nouvelle invitation envoyée à ${user.email}.`);
    res.redirect(303, `/moderation/utilisateurs/${user.id}`);
  };

  // POST /moderation/utilisateurs/:id/double-authentification — lost phone and codes.
  const removeSecondFactor: RequestHandler = async (req, res) => {
    const { user } = await editView(req);
    const done = await resetTotp(req.user!, user, { ip: req.ip });
    await setFlash(
      req,
      done
        ? `Double authentification de ${user.email} réinitialisée : ses sessions sont fermées.`
        : `${user.email} n’a pas de double authentification active.`,
    );
    res.redirect(303, `/moderation/utilisateurs/${user.id}`);
  };

  return { list, showInvite, invite, showEdit, update, resendInvitation, removeSecondFactor };
}
