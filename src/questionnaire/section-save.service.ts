import type { Config } from '../lib/config';
import type { StoredUpload } from '../lib/files/upload-storage';
import type { FieldError } from '../lib/http/form';
import { attachFiles, discardUploads, saveCaptions } from './attachments.service';
import type { Section } from './definition.types';
import type { Answers } from './question-types';
import type { SurveyResponse } from './response.model';
import { saveSection } from './response.service';

/**
 * Stores a checked page: its new files first (the only step that can still be refused, when the
 * limits were reached meanwhile), then the captions, then the answers. New files that do not end
 * up listed on the response are deleted, whatever happens.
 */
export async function storePage(
  response: SurveyResponse,
  section: Section,
  page: { answers: Answers; captions?: Map<string, string> },
  stored: StoredUpload[],
  limits: Config['uploads'],
): Promise<{ error: FieldError } | null> {
  let attachments = response.attachments;
  let kept = false;
  try {
    if (stored.length) {
      const added = await attachFiles(response, stored, limits);
      if ('error' in added) return added;
      kept = true;
      attachments = added.attachments;
    }
    if (page.captions)
      attachments = await saveCaptions({ ...response, attachments }, page.captions);
    const emailAnswer = page.answers.emailRepondant;
    await saveSection({ ...response, attachments }, section, page.answers, {
      contactEmail:
        !response.contactEmail && typeof emailAnswer === 'string' ? emailAnswer : undefined,
    });
    return null;
  } finally {
    if (!kept) await discardUploads(stored);
  }
}
