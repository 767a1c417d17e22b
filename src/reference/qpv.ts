/**
 * QPV codes (quartiers prioritaires de la politique de la ville). Two generations coexist:
 * the 2015 list ('QP' + 6 digits, e.g. QP093028) and the 2024 list ('QN' + 5 digits + a letter,
 * e.g. QN07501M). Practices from 2021–2023 refer to the 2015 list, so the generation is stored.
 */
export type QpvGeneration = 2015 | 2024;

const patterns: Array<[RegExp, QpvGeneration]> = [
  [/^QP\d{6}$/, 2015],
  [/^QN\d{5}[A-Z]$/, 2024],
];

/** Normalises what a person typed (spaces, lower case) to the official form. */
export function normaliseQpvCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The generation of a well-formed QPV code, or undefined when the format is wrong. */
export function qpvGeneration(code: string): QpvGeneration | undefined {
  return patterns.find(([re]) => re.test(code))?.[1];
}
