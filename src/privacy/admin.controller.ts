import type { Request, RequestHandler, Response } from 'express';
import { record } from '../audit';
import type { Config } from '../lib/config';
import { isEmail } from '../lib/email-address';
import { choiceField, lineField, readForm } from '../lib/http/form';
import type { HeldItem, ReportLine } from '../lib/personal-data';
import { eraseEverywhere, heldAbout } from './subject';

const emailError = 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr';

/**
 * The e-mail travels in POST bodies only (a query string would write it into the access logs),
 * with the confirmation box of an erasure.
 */
async function readSubject(req: Request) {
  const { values, errors } = await readForm<{ email: string; confirmation: string }>(req, [
    lineField('email', { required: emailError, max: 254 })
      .custom((v: string) => isEmail(v))
      .withMessage(emailError),
    choiceField('confirmation', ['oui'], badConfirmation, { optional: true }),
  ]);
  return { email: values.email, confirmed: values.confirmation === 'oui', valid: !errors.length };
}
const badConfirmation = 'Cochez la case de confirmation pour effacer ces données.';

interface PageState {
  email?: string;
  items?: HeldItem[];
  report?: ReportLine[];
  error?: string;
  status?: number;
}

function render(res: Response, state: PageState) {
  res.status(state.status ?? 200).render('privacy/admin', {
    pageTitle: 'Données personnelles',
    email: '',
    items: undefined,
    report: undefined,
    error: undefined,
    ...state,
  });
}

// GET and POST /moderation/donnees-personnelles — the search form, then what is held.
export const adminSearch =
  (config: Config): RequestHandler =>
  async (req, res) => {
    if (req.method === 'GET') return render(res, {});
    const { email, valid } = await readSubject(req);
    if (!valid) return render(res, { email, error: emailError, status: 422 });
    render(res, { email, items: await heldAbout(config, { email }) });
  };

// POST /moderation/donnees-personnelles/export — art. 15: everything held, as JSON.
export const adminExport =
  (config: Config): RequestHandler =>
  async (req, res) => {
    const { email, valid } = await readSubject(req);
    if (!valid) return render(res, { email, error: emailError, status: 422 });
    const items = await heldAbout(config, { email });
    await record({
      actor: req.user!,
      action: 'personal-data.exported',
      details: { elements: items.length },
    });
    res.attachment('donnees-personnelles.json');
    res.type('application/json');
    res.send(
      JSON.stringify(
        {
          exporteLe: new Date().toISOString(),
          adresse: email,
          elements: items.map((i) => ({
            element: i.label,
            etat: i.detail ?? null,
            donnees: i.data,
          })),
        },
        null,
        2,
      ),
    );
  };

// POST /moderation/donnees-personnelles/effacement — art. 17, after an explicit confirmation.
export const adminErase =
  (config: Config): RequestHandler =>
  async (req, res) => {
    const { email, confirmed, valid } = await readSubject(req);
    if (!valid) return render(res, { email, error: emailError, status: 422 });
    const own = email.toLowerCase() === req.user!.email.toLowerCase();
    if (!confirmed || own) {
      return render(res, {
        email,
        items: await heldAbout(config, { email }),
        error: own
          ? 'Vous ne pouvez pas effacer votre propre compte : demandez-le à un autre administrateur.'
          : badConfirmation,
        status: 422,
      });
    }
    const report = await eraseEverywhere(config, { email });
    // What was done and by whom, never whose data it was.
    await record({
      actor: req.user!,
      action: 'personal-data.erased',
      details: Object.fromEntries(report.map((l) => [`${l.what} (${l.how})`, l.count])),
    });
    render(res, { report });
  };
