// The grade display on the article page: "Waardering 6,9 (10 stemmen)".
// The 1–10 form belongs inside the same section (see the marked spot below).
import { useSite } from '../../views/site-context.js';

/** The aggregate row as the page needs it; histogram index 0 holds the votes for score 1. */
export type GradeTotalsView = { count: number; sum: number; histogram: number[] };

/** The mean grade, or null when nobody has voted yet. */
export function meanOf(totals: GradeTotalsView | undefined): number | null {
  if (!totals || totals.count <= 0) return null;
  return totals.sum / totals.count;
}

/** "Waardering 6,9 (10 stemmen)", "… (1 stem)" or "Nog geen waardering" in the site's locale. */
export function GradeSummary({ totals }: { totals: GradeTotalsView | undefined }) {
  const { t, fmt } = useSite();
  const mean = meanOf(totals);
  if (mean === null || !totals) return <span class="grade__summary">{t.grades.none}</span>;
  return (
    <span class="grade__summary">
      {t.grades.summary(
        fmt.decimal(mean, 1),
        t.grades.votes(totals.count, fmt.integer(totals.count)),
      )}
    </span>
  );
}

export function GradeDisplay({ totals }: { totals: GradeTotalsView | undefined }) {
  const { t } = useSite();
  return (
    <section class="grade" id="waardering" aria-labelledby="waardering-titel">
      <h2 id="waardering-titel" class="grade__heading">
        {t.grades.heading}
      </h2>
      {/* The 1–10 grade form goes here, above the summary. */}
      <p class="grade__result">
        <GradeSummary totals={totals} />
      </p>
    </section>
  );
}
