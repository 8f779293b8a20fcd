/**
 * A count with its noun in the right number: "1 finding", "2 findings", "0 stores", "1 person" /
 * "3 people" (the plural form passed in where adding "s" is wrong). The one helper for counts in words.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${pluralWord(n, one, many)}`;
}

/** The noun alone in the number that suits `n` ("of 1 finding", "of 3 findings"). */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
