/**
 * Levenshtein distance between two strings, for "did you mean" hints. With `limit`, it stops early
 * and returns `limit + 1` once the distance is known to exceed it.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Two rows of the table, swapped row by row.
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/**
 * The candidate nearest to `word` (the first of the nearest, in order) when it is within `maxDistance`
 * edits, for "did you mean" hints. `normalize` is applied to both sides before comparing.
 */
export function closestMatch(
  word: string,
  candidates: Iterable<string>,
  maxDistance: number,
  normalize: (text: string) => string = (text) => text,
): string | undefined {
  const target = normalize(word);
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalize(candidate), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
