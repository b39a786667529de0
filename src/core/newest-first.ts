// The one event order the app shows: newest first, ties in their given order, unparseable times last.

/**
 * A new array, newest `at` first. An `at` that does not parse goes after every real time rather
 * than pretending to be the latest news; events with the same time keep their order (stable sort).
 */
export function newestFirst<T extends { at: string }>(events: readonly T[]): T[] {
  const key = (event: T) => {
    const ms = Date.parse(event.at);
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return [...events].sort((a, b) => key(b) - key(a));
}
