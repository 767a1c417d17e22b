import validator from 'validator';

/**
 * The one e-mail address rule of the app: the intro page, the e-mail questions, the admin CLI
 * and the configuration all use it. validator.js's syntax check, without the forms that are
 * valid but only ever seen in attacks or mistakes on a form like ours: quoted local parts,
 * display names, IP literals, and the characters that change the meaning of a `To:` header.
 */
export function isEmail(value: string): boolean {
  return (
    !/["<>,;:()[\]\\]/.test(value) &&
    validator.isEmail(value, { allow_display_name: false, allow_ip_domain: false })
  );
}
