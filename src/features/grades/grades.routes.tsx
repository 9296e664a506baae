// POST /artikel/:id/waardering — a reader grades an article 1–10. Without script: post,
// 303 back to the article (#waardering) with a thank-you flash. With Accept:
// application/json (public/grades.js): the new display as JSON, no reload.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashAddress } from '../../infra/address-hash.js';
import { sendPage } from '../../infra/cache/page-cache.js';
import { setFlash } from '../../infra/flash.js';
import { field } from '../../infra/form-body.js';
import { ensureReaderKey } from '../../infra/reader.js';
import { NotFoundError } from '../../lib/errors.js';
import { positiveId } from '../../lib/parse.js';
import { Layout } from '../../views/layout.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { useSite } from '../../views/site-context.js';
import type { GradeTotalsView } from './grade-totals.js';
import {
  type GradeOutcome,
  gradableArticle,
  gradeArticle,
  gradedArticlePath,
  parseScore,
} from './grades.service.js';
import {
  GradeDisplay,
  type GradeNotice,
  gradeNoticeText,
  gradeSummaryText,
} from './grades.views.js';

// Checked by hand rather than with a schema: this is the hottest write, and two patterns
// say all there is to say.

/** The article id of the URL (lib/parse's positiveId: no schema on the hottest write). */
function articleIdOf(params: unknown): number | undefined {
  return positiveId((params as { id?: unknown } | undefined)?.id);
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

export function noticeFor(outcome: Pick<GradeOutcome, 'change' | 'state'>): GradeNotice {
  if (outcome.state === 'held') return 'held';
  return outcome.change === 'created' ? 'thanks' : 'changed';
}

function InvalidGradePage({
  title,
  path,
  articleId,
  totals,
}: {
  title: string;
  path: string;
  articleId: number;
  totals: GradeTotalsView;
}) {
  const { t } = useSite();
  return (
    <Layout meta={{ title: t.grades.form.errorTitle, noindex: true }}>
      <h1>{t.grades.form.errorTitle}</h1>
      <p>
        <a href={path}>
          {t.grades.form.backToArticle}: {title}
        </a>
      </p>
      <GradeDisplay totals={totals} articleId={articleId} error={t.grades.form.invalidScore} />
    </Layout>
  );
}

export async function gradesRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/artikel/:id/waardering',
    { config: { token: 'form' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const articleId = articleIdOf(request.params);
      if (articleId === undefined) throw new NotFoundError();
      const body = (request.body ?? {}) as Record<string, unknown>;

      // Exactly one of "1" … "10": no "7.5", no "07", no empty value, no repeated field.
      const score = parseScore(field(body, 'score'));
      if (score === undefined) {
        // Nothing is stored; the form comes back with the reason next to it.
        const article = await gradableArticle(app.db, articleId);
        const site = siteContext(request);
        if (wantsJson(request)) {
          return reply.status(422).send({
            error: 'validation',
            message: site.t.grades.form.invalidScore,
            fields: { score: site.t.grades.form.invalidScore },
          });
        }
        return sendPage(request, reply, {
          status: 422,
          personal: true,
          tags: [],
          render: () =>
            renderDocument(
              site,
              <InvalidGradePage
                title={article.title}
                path={article.path}
                articleId={articleId}
                totals={article.totals}
              />,
            ),
        });
      }

      const { config } = app;
      const readerKey = ensureReaderKey(request, reply, config);
      const outcome = await gradeArticle(app.db, {
        articleId,
        readerKey,
        score,
        // request.ip honours X-Forwarded-For only when TRUST_PROXY says a proxy is in front.
        addressHash: hashAddress(config.secret, request.ip),
      });

      const notice = noticeFor(outcome);
      if (wantsJson(request)) {
        const site = siteContext(request);
        const { count, sum } = outcome.totals;
        return reply.header('cache-control', 'no-store').send({
          score: outcome.score,
          state: outcome.state,
          change: outcome.change,
          count,
          mean: count > 0 ? Math.round((sum / count) * 10) / 10 : null,
          summary: gradeSummaryText(site, outcome.totals),
          own: site.t.grades.form.yourGrade(site.fmt.integer(outcome.score)),
          message: gradeNoticeText(site, notice),
        });
      }
      setFlash(reply, {
        kind: 'success',
        message: `grades.${notice}`,
        data: { article: articleId },
      });
      const path = await gradedArticlePath(app.db, articleId);
      return reply.redirect(`${path}#waardering`, 303);
    },
  );
}
