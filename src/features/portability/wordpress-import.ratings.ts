// Star ratings from WordPress plugins -> our 1–10 grades. The export holds only each
// post's aggregate (count and total), never the single votes, so we synthesise votes:
// the count is exact and the mean is as close as the count allows. Conversion of an
// average m on a 1..S star scale: 1 + (m − 1) × 9 / (S − 1), so 1 star stays 1, S stars
// become 10, and the scale in between is linear (on 5 stars: 1, 3.25, 5.5, 7.75, 10).

export interface RatingAggregate {
  plugin: 'wp-postratings' | 'kk-star-ratings';
  count: number;
  /** Mean on the plugin's own star scale. */
  mean: number;
}

export interface SynthesisedVotes {
  count: number;
  sum: number;
  /** histogram[i] = votes with score i + 1 */
  histogram: number[];
}

function number(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** Reads both plugins' post meta; entries without votes or with impossible numbers are left out. */
export function ratingsFromMeta(meta: Map<string, string>, stars = 5): RatingAggregate[] {
  const found: RatingAggregate[] = [];
  const add = (
    plugin: RatingAggregate['plugin'],
    count?: number,
    total?: number,
    average?: number,
  ) => {
    if (count === undefined || !Number.isInteger(count) || count <= 0) return;
    const mean = total !== undefined ? total / count : average;
    if (mean === undefined || mean < 1 || mean > stars) return;
    found.push({ plugin, count, mean });
  };
  add(
    'wp-postratings',
    number(meta.get('ratings_users')),
    number(meta.get('ratings_score')),
    number(meta.get('ratings_average')),
  );
  add(
    'kk-star-ratings',
    number(meta.get('_kksr_casts')),
    number(meta.get('_kksr_ratings')),
    number(meta.get('_kksr_avg')),
  );
  return found;
}

export function toTenScale(mean: number, stars = 5): number {
  return 1 + ((mean - 1) * 9) / (stars - 1);
}

/** Spreads count votes over two neighbouring scores so that their sum is round(count × mean). */
export function synthesiseVotes(aggregates: RatingAggregate[], stars = 5): SynthesisedVotes {
  const histogram = new Array<number>(10).fill(0);
  let count = 0;
  let sum = 0;
  for (const a of aggregates) {
    const target = Math.min(
      10 * a.count,
      Math.max(a.count, Math.round(a.count * toTenScale(a.mean, stars))),
    );
    const base = Math.floor(target / a.count);
    const extra = target - base * a.count;
    histogram[base - 1] = (histogram[base - 1] ?? 0) + (a.count - extra);
    if (extra > 0) histogram[base] = (histogram[base] ?? 0) + extra;
    count += a.count;
    sum += target;
  }
  return { count, sum, histogram };
}
