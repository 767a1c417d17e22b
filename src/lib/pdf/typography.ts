const nbsp = '\u00a0';
const narrowNbsp = '\u202f';

/**
 * French typography for printed text: curly apostrophes, « guillemets » for straight double
 * quotes, a no-break space before « : » and inside guillemets, a narrow no-break space before
 * « ; ! ? » (Imprimerie nationale rules), so that no line ever starts with one of them.
 */
export function frenchTypography(text: string): string {
  let quotes = 0;
  return text
    .replace(/'/g, '’')
    .replace(/"/g, () => (quotes++ % 2 === 0 ? '«' : '»'))
    .replace(/«\s*/g, `«${nbsp}`)
    .replace(/\s*»/g, `${nbsp}»`)
    .replace(/[ \u00a0\u202f]*:(?=\s|$)/g, `${nbsp}:`)
    .replace(/(\S)[ \u00a0\u202f]*([;!?])/g, (_m, before: string, sign: string) =>
      before === '«' || before === nbsp ? `${before}${sign}` : `${before}${narrowNbsp}${sign}`,
    );
}
