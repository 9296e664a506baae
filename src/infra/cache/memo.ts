// Remembers the results of a pure function of one string, up to a bound. Pages call a few
// such functions (avatars from names, bio excerpts, linked comment text) for the same inputs
// on every render; the answer for an input never changes, so it is computed once.

export function memoizeByString<T>(fn: (input: string) => T, max = 2_000): (input: string) => T {
  const results = new Map<string, T>();
  return (input) => {
    let result = results.get(input);
    if (result === undefined && !results.has(input)) {
      result = fn(input);
      // Oldest first out: Map keeps insertion order.
      if (results.size >= max) results.delete(results.keys().next().value as string);
      results.set(input, result);
    }
    return result as T;
  };
}
