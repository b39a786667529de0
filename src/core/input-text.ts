// Cleans what shoppers paste into the lookup form: invisible format characters out, every script's digits as ASCII.

const FORMAT_CHARACTERS = /\p{Cf}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII_DIGITS = /[^\P{Nd}0-9]/gu;

const digitValues = new Map<string, string>();

/**
 * The ASCII digit a Unicode decimal digit stands for. Unicode encodes every decimal digit (`\p{Nd}`)
 * in runs of ten, 0 to 9 in code point order, and neighbouring runs each start at their own zero, so
 * the value is the distance from the start of the unbroken run of digits, modulo ten.
 */
function asciiDigit(digit: string): string {
  const known = digitValues.get(digit);
  if (known) return known;
  const code = digit.codePointAt(0) ?? 0;
  let start = code;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  const value = String((code - start) % 10);
  digitValues.set(digit, value);
  return value;
}

/** `١٠٠١` (Arabic-Indic), `१००१` (Devanagari), `๑๐๐๑` (Thai) … → `1001`. Other characters stay. */
export function asciiDigits(input: string): string {
  return input.replace(NON_ASCII_DIGITS, asciiDigit);
}

/** Without format characters (`\p{Cf}`): what copy-paste smuggles in and nobody typed. */
export function withoutFormatCharacters(input: string): string {
  return input.replace(FORMAT_CHARACTERS, '');
}

/**
 * Form input as typed, without what copy-paste smuggles in: format characters (`\p{Cf}`: zero-width
 * spaces and joiners, direction marks and isolates, BOM, soft hyphen, word joiner) removed, NFKC
 * folding (full-width letters and `＃`), digits of any script as ASCII, Unicode whitespace trimmed.
 */
export function cleanInput(input: string): string {
  return asciiDigits(withoutFormatCharacters(input).normalize('NFKC')).trim();
}
