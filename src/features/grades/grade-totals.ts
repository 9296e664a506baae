// The grade aggregate of one article, as queries return it and pages show it.

/** count, sum and the histogram; index 0 holds the votes for score 1. */
export type GradeTotalsView = { count: number; sum: number; histogram: number[] };
