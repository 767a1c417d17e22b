import { redactUrl } from '../../src/lib/http/request-logger';

describe('access logs', () => {
  it('when a resume link is logged, then its token is replaced', () => {
    expect(redactUrl('/questionnaire/reprendre/AbC_123-xyz/territoire?retour=verification')).toBe(
      '/questionnaire/reprendre/[jeton]/territoire?retour=verification',
    );
    expect(redactUrl('/questionnaire/reprendre/AbC_123-xyz')).toBe(
      '/questionnaire/reprendre/[jeton]',
    );
  });

  it('when another URL is logged, then it is unchanged', () => {
    expect(redactUrl('/recueil?page=2')).toBe('/recueil?page=2');
  });
});
