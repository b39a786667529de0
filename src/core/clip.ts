// The one text clipper: cuts text to a length without splitting a character made of two UTF-16 units.

/** `text` if it fits in `max` UTF-16 code units, else its longest prefix that does and ends on a whole character. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}
