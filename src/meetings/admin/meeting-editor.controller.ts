import type { RequestHandler, Response } from 'express';
import { setFlash } from '../../accounts';
import { errorsByField, readForm, type FieldError } from '../../lib/http/form';
import { regions } from '../../reference';
import { slotKinds } from '../meeting.model';
import { registrationState, registrationStateLabels } from '../meeting.rules';
import { blank, formOf, type Form } from './meeting.form-values';
import { meetingFormFields, readMeetingForm } from './meeting.form';
import type { Body } from './meeting.form-rows';
import {
  createMeeting,
  findAdminMeeting,
  listAdminMeetings,
  MeetingConflict,
  updateMeeting,
} from './meeting-admin.service';

function render(
  res: Response,
  form: Form,
  opts: { slug?: string; errors?: FieldError[]; overlaps?: string[] },
) {
  const errors = opts.errors ?? [];
  const overlaps = opts.overlaps ?? [];
  res.status(errors.length || overlaps.length ? 422 : 200).render('meetings/admin/edit', {
    pageTitle: opts.slug ? 'Modifier une rencontre' : 'Nouvelle rencontre',
    slug: opts.slug,
    form,
    errors,
    errorFor: errorsByField(errors),
    overlaps,
    regions: regions(),
    slotKinds,
  });
}

export function meetingEditorController() {
  // GET /moderation/rencontres — the meetings in the user's scope.
  const list: RequestHandler = async (req, res) => {
    const meetings = await listAdminMeetings(req.user!);
    res.render('meetings/admin/list', {
      pageTitle: 'Rencontres',
      meetings: meetings.map((m) => ({
        ...m,
        state: registrationStateLabels[registrationState(m)],
      })),
    });
  };

  const showNew: RequestHandler = (_req, res) => render(res, blank, {});
  const showEdit: RequestHandler = async (req, res) => {
    const meeting = await findAdminMeeting(req.user!, String(req.params.slug));
    render(res, formOf(meeting), { slug: meeting.slug });
  };

  /** Saves when valid and, if slots overlap, only once the organiser confirmed keeping them. */
  const save =
    (isNew: boolean): RequestHandler =>
    async (req, res) => {
      const slug = isNew
        ? undefined
        : (await findAdminMeeting(req.user!, String(req.params.slug))).slug;
      const form = await readForm<Body>(req, meetingFormFields());
      const { errors, overlaps, input } = readMeetingForm(form.values, isNew);
      errors.unshift(...form.errors);
      const unconfirmed = overlaps.length && !input.overlapsConfirmed ? overlaps : [];
      if (errors.length || unconfirmed.length)
        return render(res, form.typed, { slug, errors, overlaps: unconfirmed });
      input.overlapsConfirmed = overlaps.length > 0;
      try {
        if (isNew) await createMeeting(req.user!, input, req.ip);
        else await updateMeeting(req.user!, slug!, input, req.ip);
      } catch (error) {
        if (!(error instanceof MeetingConflict)) throw error;
        return render(res, form.typed, {
          slug,
          errors: [{ field: error.field, message: error.message }],
        });
      }
      await setFlash(req, `Rencontre « ${input.title} » enregistrée.`);
      res.redirect(303, `/moderation/rencontres/${slug ?? input.slug}`);
    };

  return { list, showNew, showEdit, create: save(true), update: save(false) };
}
