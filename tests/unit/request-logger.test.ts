import { privateLinkRoutes } from '../../src/app';
import { urlRedactor } from '../../src/lib/http/request-logger';

const redactUrl = urlRedactor(privateLinkRoutes);

describe('access logs', () => {
  it('when a resume link is logged, then its token is replaced', () => {
    expect(redactUrl('/questionnaire/reprendre/AbC_123-xyz/territoire?retour=verification')).toBe(
      '/questionnaire/reprendre/[jeton]/territoire?retour=verification',
    );
    expect(redactUrl('/questionnaire/reprendre/AbC_123-xyz')).toBe(
      '/questionnaire/reprendre/[jeton]',
    );
  });

  it('when the resume link is spelled differently, then its token is replaced all the same', () => {
    for (const url of [
      '/questionnaire/REPRENDRE/AbC_123-xyz',
      '/questionnaire/%72eprendre/AbC_123-xyz/repondant',
      '/questionnaire/reprendre//AbC_123-xyz',
    ]) {
      expect(redactUrl(url)).not.toContain('AbC_123-xyz');
    }
  });

  it('when a meeting registration’s personal link is logged, then its token is replaced', () => {
    expect(redactUrl('/rencontres/bretagne-2023/inscription/AbC_123-xyz/annulation')).toBe(
      '/rencontres/bretagne-2023/inscription/[jeton]/annulation',
    );
    expect(redactUrl('/rencontres/bretagne-2023/inscription')).toBe(
      '/rencontres/bretagne-2023/inscription',
    );
  });

  it('when an approval or a password link is logged, then its token is replaced', () => {
    expect(redactUrl('/fiches/validation/AbC_123-xyz')).toBe('/fiches/validation/[jeton]');
    expect(redactUrl('/mot-de-passe/nouveau/abcDEF123_-xyz?x=1')).toBe(
      '/mot-de-passe/nouveau/[jeton]?x=1',
    );
  });

  it('when a route declares a token that no fixed word precedes, then the redactor refuses it', () => {
    expect(() => urlRedactor(['/liens/:slug/:token'])).toThrow(/fixed word/);
  });

  it('when a form URL carries a CSRF token, then it is replaced', () => {
    expect(redactUrl('/questionnaire/reprendre/AbC/documents?_csrf=s.sig&x=1')).toBe(
      '/questionnaire/reprendre/[jeton]/documents?_csrf=[jeton]&x=1',
    );
  });

  it('when another URL is logged, then it is unchanged', () => {
    expect(redactUrl('/recueil?page=2')).toBe('/recueil?page=2');
  });
});
