import { isEmail } from '../../src/lib/email-address';

describe('the e-mail address rule', () => {
  it.each([
    'camille@exemple.fr',
    'camille.martin+bp@exemple.fr',
    'c.martin@ville-orleans.gouv.fr',
    'élodie@exemple.fr',
  ])('when the address is %s, then it is accepted', (address) => {
    expect(isEmail(address)).toBe(true);
  });

  it.each([
    ['markup', '<script>alert(1)</script>@exemple.fr'],
    ['a quoted local part with a comma', '"a,b"@exemple.fr'],
    ['a quoted local part', '"camille"@exemple.fr'],
    ['a semicolon', 'a;b@exemple.fr'],
    ['a display name', 'Camille <camille@exemple.fr>'],
    ['a header injection', 'c@exemple.fr\r\nBcc: x@exemple.fr'],
    ['no top-level domain', 'camille@exemple'],
    ['a space', 'camille martin@exemple.fr'],
    ['an IP literal', 'camille@[127.0.0.1]'],
    ['a doubled @', 'camille@@exemple.fr'],
    ['more than 254 characters', `${'a'.repeat(64)}@${'b'.repeat(190)}.fr`],
  ])('when the address has %s, then it is refused', (_name, address) => {
    expect(isEmail(address)).toBe(false);
  });
});
