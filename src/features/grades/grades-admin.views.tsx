// Back-office pages of grading: the overview (/beheer/waarderingen), one article's
// statistics with server-drawn SVG charts (readable without script, described for screen
// readers), and the held-back votes editors accept or delete.

import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import type { WeekRow } from './grades-admin.repository.js';
import type { ArticleGradeStats, GradesOverview, HeldVotes, Mean } from './grades-admin.service.js';

function useMeanText(): (m: Mean) => string {
  const { t, fmt } = useSite();
  return (m) => (m.count > 0 ? fmt.decimal(m.sum / m.count, 1) : t.grades.admin.noValue);
}

function statsPath(articleId: number): string {
  return `/beheer/waarderingen/${articleId}`;
}

export function HistogramChart({ histogram }: { histogram: number[] }) {
  const { t, fmt } = useSite();
  const a = t.grades.admin;
  const max = Math.max(1, ...histogram);
  const barWidth = 22;
  const gap = 8;
  const chartHeight = 120;
  const top = 18;
  const width = 20 + histogram.length * (barWidth + gap);
  const height = top + chartHeight + 24;
  const desc = a.histogramDesc(
    histogram.map((n, i) => a.histogramPart(i + 1, fmt.integer(n))).join(', '),
  );
  return (
    <svg
      class="chart chart--histogram"
      role="img"
      aria-labelledby="histogram-title histogram-desc"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <title id="histogram-title">{a.histogramTitle}</title>
      <desc id="histogram-desc">{desc}</desc>
      <line
        x1="10"
        x2={width - 10}
        y1={top + chartHeight}
        y2={top + chartHeight}
        stroke="#5b6472"
      />
      {histogram.map((n, i) => {
        const h = Math.round((n / max) * chartHeight);
        const x = 14 + i * (barWidth + gap);
        return (
          <g>
            <rect x={x} y={top + chartHeight - h} width={barWidth} height={h} fill="#0b5cad" />
            <text
              x={x + barWidth / 2}
              y={top + chartHeight - h - 4}
              text-anchor="middle"
              font-size="11"
            >
              {fmt.integer(n)}
            </text>
            <text
              x={x + barWidth / 2}
              y={top + chartHeight + 16}
              text-anchor="middle"
              font-size="12"
            >
              {i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function TrendChart({ weeks }: { weeks: WeekRow[] }) {
  const { t, fmt } = useSite();
  const a = t.grades.admin;
  if (weeks.length === 0) return <p>{a.trendNone}</p>;
  const barWidth = 26;
  const gap = 10;
  const chartHeight = 100;
  const top = 18;
  const width = 20 + weeks.length * (barWidth + gap);
  const height = top + chartHeight + 24;
  const desc = a.trendDesc(
    weeks
      .map((w) =>
        a.trendPart(
          fmt.longDate(`${w.week}T12:00:00Z`),
          fmt.decimal(w.sum / w.count, 1),
          t.grades.votes(w.count, fmt.integer(w.count)),
        ),
      )
      .join('; '),
  );
  return (
    <svg
      class="chart chart--trend"
      role="img"
      aria-labelledby="trend-title trend-desc"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <title id="trend-title">{a.trendTitle}</title>
      <desc id="trend-desc">{desc}</desc>
      <line
        x1="10"
        x2={width - 10}
        y1={top + chartHeight}
        y2={top + chartHeight}
        stroke="#5b6472"
      />
      {weeks.map((w, i) => {
        const mean = w.sum / w.count;
        const h = Math.round((mean / 10) * chartHeight);
        const x = 14 + i * (barWidth + gap);
        return (
          <g>
            <rect x={x} y={top + chartHeight - h} width={barWidth} height={h} fill="#2f7d4f" />
            <text
              x={x + barWidth / 2}
              y={top + chartHeight - h - 4}
              text-anchor="middle"
              font-size="11"
            >
              {fmt.decimal(mean, 1)}
            </text>
            <text
              x={x + barWidth / 2}
              y={top + chartHeight + 16}
              text-anchor="middle"
              font-size="10"
            >
              {w.week.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function HeldTable({ votes, back }: { votes: HeldVotes; back: string }) {
  const { t, fmt } = useSite();
  const a = t.grades.admin;
  const held = votes.oldest;
  return (
    <section class="admin-section" aria-labelledby="held-title">
      <h2 id="held-title">{a.heldTitle}</h2>
      <p>{a.heldIntro}</p>
      {held.length < votes.total && (
        <p>{a.heldShowing(fmt.integer(held.length), fmt.integer(votes.total))}</p>
      )}
      {held.length === 0 ? (
        <p>{a.heldNone}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{a.heldArticle}</th>
              <th scope="col">{a.heldScore}</th>
              <th scope="col">{a.heldWhen}</th>
              <th scope="col">{a.heldAddress}</th>
              <th scope="col">{a.actions}</th>
            </tr>
          </thead>
          <tbody>
            {held.map((g) => (
              <tr>
                <td>
                  <a href={statsPath(g.article_id)}>{g.title}</a>
                </td>
                <td>{g.score}</td>
                <td>
                  <time datetime={g.created_at}>{fmt.dateTime(g.created_at)}</time>
                </td>
                <td>
                  <code>{g.address_hash.slice(0, 8)}</code>
                </td>
                <td class="admin-table__actions">
                  <form method="post" action={`/beheer/waarderingen/stem/${g.id}/accepteren`}>
                    <CsrfField />
                    <input type="hidden" name="terug" value={back} />
                    <button type="submit">{a.accept}</button>
                  </form>
                  <form method="post" action={`/beheer/waarderingen/stem/${g.id}/verwijderen`}>
                    <CsrfField />
                    <input type="hidden" name="terug" value={back} />
                    <button type="submit">{a.discard}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function GradesOverviewPage({
  data,
  flash,
  editor,
}: {
  data: GradesOverview;
  flash?: Flash;
  editor: boolean;
}) {
  const { t, fmt } = useSite();
  const a = t.grades.admin;
  const meanText = useMeanText();
  return (
    <AdminLayout title={a.title} flash={flash}>
      <h1>{a.title}</h1>
      <p>{editor ? a.intro : a.introAuthor}</p>
      <p>{data.site.count > 0 ? a.siteMean(meanText(data.site)) : a.siteMeanNone}</p>
      {data.articles.length === 0 ? (
        <p>{editor ? a.none : a.noneAuthor}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{a.article}</th>
              <th scope="col">{a.mean}</th>
              <th scope="col">{a.count}</th>
              {editor && <th scope="col">{a.held}</th>}
            </tr>
          </thead>
          <tbody>
            {data.articles.map((r) => (
              <tr>
                <td>
                  <a href={statsPath(r.id)}>{r.title}</a>
                </td>
                <td>{meanText(r)}</td>
                <td>{fmt.integer(r.count)}</td>
                {editor && <td>{fmt.integer(r.held)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={data.page}
        hasNext={data.hasNext}
        hrefFor={(n) => (n > 1 ? `/beheer/waarderingen?pagina=${n}` : '/beheer/waarderingen')}
      />
      {data.held && <HeldTable votes={data.held} back="/beheer/waarderingen" />}
    </AdminLayout>
  );
}

export function ArticleGradeStatsPage({ data, flash }: { data: ArticleGradeStats; flash?: Flash }) {
  const { t } = useSite();
  const a = t.grades.admin;
  const meanText = useMeanText();
  const { article, totals } = data;
  const title = a.stats(article.title);
  return (
    <AdminLayout title={title} flash={flash}>
      <p>
        <a href="/beheer/waarderingen">{a.back}</a>
      </p>
      <h1>{title}</h1>
      {article.status === 'published' && (
        <p>
          <a href={paths.article(article)}>{a.viewArticle}</a>
        </p>
      )}
      <dl class="admin-facts">
        <dt>{a.mean}</dt>
        <dd>{meanText(totals)}</dd>
        <dt>{a.count}</dt>
        <dd>{t.grades.votes(totals.count, String(totals.count))}</dd>
      </dl>
      <section class="admin-section" aria-labelledby="histogram-heading">
        <h2 id="histogram-heading">{a.histogramTitle}</h2>
        <HistogramChart histogram={totals.histogram} />
      </section>
      <section class="admin-section" aria-labelledby="trend-heading">
        <h2 id="trend-heading">{a.trendTitle}</h2>
        <TrendChart weeks={data.weeks} />
      </section>
      <section class="admin-section" aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">{a.comparisonTitle}</h2>
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{a.article}</th>
              <th scope="col">{a.mean}</th>
              <th scope="col">{a.count}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{a.thisArticle}</th>
              <td>{meanText(totals)}</td>
              <td>{totals.count}</td>
            </tr>
            <tr>
              <th scope="row">{a.otherArticles}</th>
              <td>{meanText(data.others)}</td>
              <td>{data.others.count}</td>
            </tr>
            <tr>
              <th scope="row">{a.siteMeanLabel}</th>
              <td>{meanText(data.site)}</td>
              <td>{data.site.count}</td>
            </tr>
          </tbody>
        </table>
      </section>
      {data.held && <HeldTable votes={data.held} back={statsPath(article.id)} />}
    </AdminLayout>
  );
}
