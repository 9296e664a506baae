// The grade display on the article page: "Waardering 6,9 (10 stemmen)", with the 1–10 form
// that works without script (post, redirect, see the result) and public/grades.js, which
// posts it in place and updates the numbers.

import { keptMarkup } from '../../infra/cache/kept-markup.js';
import { assetUrl } from '../../views/assets.js';
import { paths } from '../../views/paths.js';
import { type SiteContextValue, useSite } from '../../views/site-context.js';
import type { GradeTotalsView } from './grade-totals.js';

/** The mean grade, or null when nobody has voted yet. */
export function meanOf(totals: GradeTotalsView | undefined): number | null {
  if (!totals || totals.count <= 0) return null;
  return totals.sum / totals.count;
}

/** The summary as text, for the page and for the in-place update alike. */
export function gradeSummaryText(
  site: Pick<SiteContextValue, 't' | 'fmt'>,
  totals: GradeTotalsView | undefined,
): string {
  const { t, fmt } = site;
  const mean = meanOf(totals);
  if (mean === null || !totals) return t.grades.none;
  return t.grades.summary(
    fmt.decimal(mean, 1),
    t.grades.votes(totals.count, fmt.integer(totals.count)),
  );
}

/** "Waardering 6,9 (10 stemmen)", "… (1 stem)" or "Nog geen waardering" in the site's locale. */
export function GradeSummary({ totals }: { totals: GradeTotalsView | undefined }) {
  const site = useSite();
  return (
    <span class="grade__summary" data-grade-summary>
      {gradeSummaryText(site, totals)}
    </span>
  );
}

/** What the reader is told after grading (from the flash message or the JSON answer). */
export type GradeNotice = 'thanks' | 'changed' | 'held';

export function gradeNoticeText(site: Pick<SiteContextValue, 't'>, notice: GradeNotice): string {
  return site.t.grades.form[notice];
}

const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export interface GradeFormProps {
  articleId: number;
  /** The reader's own grade, shown as chosen. */
  ownScore?: number;
  /** A message next to the choices after a refused post. */
  error?: string;
}

/** The 1–10 form; the blank one (no own grade, no error) is rendered once per article. */
export function GradeForm(props: GradeFormProps) {
  const site = useSite();
  if (props.ownScore !== undefined || props.error) return <GradeFormMarkup {...props} />;
  return keptMarkup(site, `grade-form:${props.articleId}`, () => (
    <GradeFormMarkup articleId={props.articleId} />
  ));
}

function GradeFormMarkup({ articleId, ownScore, error }: GradeFormProps) {
  const { t, formToken } = useSite();
  const f = t.grades.form;
  const errorId = `grade-error-${articleId}`;
  return (
    <form
      class="grade__form"
      method="post"
      action={paths.articleGrade(articleId)}
      data-grade-form
      data-failed={f.failed}
      data-sending={f.sending}
    >
      <input type="hidden" name="form_token" value={formToken} />
      <fieldset class="grade__choices" aria-describedby={error ? errorId : undefined}>
        <legend>{f.legend}</legend>
        {SCORES.map((score) => (
          <label class="grade__choice">
            <input
              type="radio"
              name="score"
              value={String(score)}
              checked={ownScore === score}
              required
            />
            <span>{score}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p class="grade__error" id={errorId}>
          {error}
        </p>
      )}
      <button type="submit" data-change-label={f.change}>
        {ownScore ? f.change : f.submit}
      </button>
    </form>
  );
}

export interface GradeDisplayProps {
  totals: GradeTotalsView | undefined;
  /** With the article's id the 1–10 form is shown. */
  articleId?: number;
  /** The reader's own grade: makes the page personal (never cached), see grades/README.md. */
  ownScore?: number;
  notice?: GradeNotice;
  error?: string;
}

export function GradeDisplay({ totals, articleId, ownScore, notice, error }: GradeDisplayProps) {
  const site = useSite();
  const { t, fmt } = site;
  return (
    <section class="grade" id="waardering" aria-labelledby="waardering-titel" data-grade>
      <h2 id="waardering-titel" class="grade__heading">
        {t.grades.heading}
      </h2>
      {articleId !== undefined && (
        <GradeForm articleId={articleId} ownScore={ownScore} error={error} />
      )}
      <div class="grade__notice" role="status" data-grade-notice>
        {notice ? gradeNoticeText(site, notice) : ''}
      </div>
      <p class="grade__own" data-grade-own hidden={ownScore === undefined}>
        {ownScore !== undefined ? t.grades.form.yourGrade(fmt.integer(ownScore)) : ''}
      </p>
      <p class="grade__result">
        <GradeSummary totals={totals} />
      </p>
      {articleId !== undefined && <script src={assetUrl('grades.js')} defer />}
    </section>
  );
}
