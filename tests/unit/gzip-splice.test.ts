import { gunzipSync } from 'node:zlib';
import { gzipSplice } from '../../src/lib/http/gzip-splice';

const page = (n: number) =>
  `<!doctype html><html lang="fr"><title>Questionnaire « clause sociale »</title>` +
  '<p>Élément répété pour que la compression ait de quoi faire. </p>'.repeat(n);

describe('gzip bodies spliced around per-request values', () => {
  it.each([
    ['one value in the middle', [page(200), page(50)], ['sel.SIGNATURE_base64url-1234567890']],
    ['values at both ends', ['', page(10), ''], ['début', 'fin é']],
    ['two values side by side', [page(5), '', page(5)], ['a', 'b']],
    ['no value', [page(300)], []],
  ])(
    'when a page has %s, then gunzip gives the page with the values put in',
    (_, parts, values) => {
      const splice = gzipSplice(parts.map((p) => Buffer.from(p)));
      const expected = parts.flatMap((p, i) => (i < values.length ? [p, values[i]] : [p])).join('');
      const body = splice.gzip(values);
      expect(gunzipSync(body).toString()).toBe(expected);
      expect(body.length).toBeLessThan(Buffer.byteLength(expected) / 3 + 200);
    },
  );

  it('when two requests get different values, then each body holds its own', () => {
    const splice = gzipSplice([Buffer.from(page(20)), Buffer.from(page(20))]);
    expect(gunzipSync(splice.gzip(['un'])).toString()).toContain('</p>un<!doctype');
    expect(gunzipSync(splice.gzip(['deux'])).toString()).toContain('</p>deux<!doctype');
  });
});
