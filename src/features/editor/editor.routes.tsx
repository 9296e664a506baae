// /beheer/artikelen: list, write, preview, save, revisions, cover, delete; and the periodic
// task that publishes scheduled articles when their time comes.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash, takeFlash } from '../../infra/flash.js';
import type { FormBody } from '../../infra/form-body.js';
import { AppError, ForbiddenError, ValidationError } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { idParams, pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { requireRole, viewerOf } from '../accounts/access.js';
import { mayPublish, WRITER_ROLES } from '../accounts/policy.js';
import { authorChoices } from '../authors/profiles.service.js';
import { storeImage } from '../media/media.service.js';
import { readImageUpload, registerUploads } from '../media/upload.js';
import { topicChoices } from '../topics/topics-admin.service.js';
import {
  articleListQuery,
  formValuesOf,
  parseArticleForm,
  parseVersion,
  revisionParams,
} from './editor.schemas.js';
import {
  type Actor,
  deleteArticle,
  getRevision,
  listArticlesFor,
  listRevisions,
  loadForEdit,
  publishDueArticles,
  restoreRevision,
  StaleVersionError,
  saveArticle,
  setCover,
} from './editor.service.js';
import {
  ArticleListPage,
  EditorPage,
  type EditorPageProps,
  emptyValues,
  RevisionPage,
  RevisionsPage,
  valuesOf,
} from './editor.views.js';

const pageOf = pageQuery();

const writers = { preHandler: requireRole(...WRITER_ROLES) };

function actorOf(request: FastifyRequest): Actor {
  const viewer = viewerOf(request);
  return { userId: viewer.id, role: viewer.role };
}

function articleId(params: unknown): number {
  return parseInput(idParams, params, 'not_found').id;
}

function messages(request: FastifyRequest) {
  return catalogs[request.server.config.locale].editor;
}

function bodyOf(request: FastifyRequest): FormBody {
  const body = request.body;
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

export async function editorRoutes(app: FastifyInstance): Promise<void> {
  await registerUploads(app);

  app.jobs.every({
    name: 'publish-scheduled-articles',
    everyMs: 15_000,
    run: async () => {
      await publishDueArticles(app.db);
    },
  });

  async function sendEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    props: Omit<EditorPageProps, 'authors' | 'topics' | 'mayPublish'>,
    status = 200,
  ) {
    const actor = actorOf(request);
    const [authors, topics] = await Promise.all([authorChoices(app.db), topicChoices(app.db)]);
    return sendAdminPage(
      request,
      reply,
      <EditorPage
        {...props}
        mayPublish={mayPublish(actor)}
        authors={authors.map((a) => ({ id: a.id, name: a.name, guest: a.user_id === null }))}
        topics={topics}
      />,
      status,
    );
  }

  /** Save or preview a submitted form; `id` absent for a new article. */
  async function handleSubmit(request: FastifyRequest, reply: FastifyReply, id?: number) {
    const actor = actorOf(request);
    const body = bodyOf(request);
    const existing = id !== undefined ? await loadForEdit(app.db, actor, id) : undefined;
    const values = formValuesOf(body);
    const version = parseVersion(body);
    const base = {
      article: existing?.article,
      values,
      version: version ?? existing?.article.version ?? 0,
    };

    if (body['action'] === 'preview') {
      // Nothing is stored: the same form comes back with the rendered text under it.
      const previewHtml = renderMarkdown(values.body.slice(0, 200_000));
      return sendEditor(request, reply, { ...base, errors: {}, previewHtml });
    }
    if (existing && version === undefined) {
      return sendEditor(request, reply, { ...base, errors: { form: 'version_invalid' } }, 400);
    }
    const parsed = parseArticleForm(body);
    if (!parsed.ok) return sendEditor(request, reply, { ...base, errors: parsed.fields }, 422);
    try {
      const result = await saveArticle(
        app.db,
        actor,
        parsed.input,
        existing ? { id: existing.article.id, version: version! } : undefined,
      );
      const t = messages(request);
      setFlash(reply, { kind: 'success', message: existing ? t.form.saved : t.form.created });
      return reply.redirect(`/beheer/artikelen/${result.id}`, 303);
    } catch (error) {
      if (error instanceof StaleVersionError) {
        return sendEditor(
          request,
          reply,
          { ...base, version: error.current.version, errors: {}, theirs: error.current },
          409,
        );
      }
      if (error instanceof ValidationError) {
        return sendEditor(request, reply, { ...base, errors: error.fields }, 422);
      }
      if (error instanceof ForbiddenError) {
        return sendEditor(request, reply, { ...base, errors: { form: error.messageKey } }, 403);
      }
      throw error;
    }
  }

  app.get('/beheer/artikelen', writers, async (request, reply) => {
    const actor = actorOf(request);
    const { filter, shown: filters } = parseInput(articleListQuery, request.query);
    const page = parseInput(pageOf, request.query);
    const { items, hasNext } = await listArticlesFor(app.db, actor, filter, page);
    const [authors, topics] = await Promise.all([
      mayPublish(actor) ? authorChoices(app.db) : Promise.resolve([]),
      topicChoices(app.db),
    ]);
    return sendAdminPage(
      request,
      reply,
      <ArticleListPage
        items={items}
        filters={filters}
        page={page}
        hasNext={hasNext}
        authors={authors}
        topics={topics}
        flash={takeFlash(request, reply)}
      />,
    );
  });

  app.get('/beheer/artikelen/nieuw', writers, async (request, reply) =>
    sendEditor(request, reply, { values: emptyValues(), version: 0, errors: {} }),
  );

  app.post(
    '/beheer/artikelen/nieuw',
    { ...writers, config: { token: 'csrf' } },
    async (request, reply) => handleSubmit(request, reply),
  );

  // The live preview of public/editor.js: the same rendering as on save, as a fragment.
  app.post(
    '/beheer/artikelen/voorbeeld',
    { ...writers, config: { token: 'csrf' } },
    async (request, reply) => {
      const source = bodyOf(request)['body'];
      if (typeof source !== 'string' || source.length > 200_000) throw new AppError('bad_request');
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderMarkdown(source));
    },
  );

  app.get('/beheer/artikelen/:id', writers, async (request, reply) => {
    const { article, authorIds, topicIds } = await loadForEdit(
      app.db,
      actorOf(request),
      articleId(request.params),
    );
    return sendEditor(request, reply, {
      article,
      values: valuesOf(article, authorIds, topicIds),
      version: article.version,
      errors: {},
      previewHtml: article.body_html || undefined,
      flash: takeFlash(request, reply),
    });
  });

  app.post(
    '/beheer/artikelen/:id',
    { ...writers, config: { token: 'csrf' } },
    async (request, reply) => handleSubmit(request, reply, articleId(request.params)),
  );

  app.post(
    '/beheer/artikelen/:id/verwijderen',
    { ...writers, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = articleId(request.params);
      if (bodyOf(request)['confirm'] !== '1') throw new AppError('bad_request');
      await deleteArticle(app.db, actorOf(request), id);
      setFlash(reply, { kind: 'success', message: messages(request).form.deleted });
      return reply.redirect('/beheer/artikelen', 303);
    },
  );

  app.get('/beheer/artikelen/:id/versies', writers, async (request, reply) => {
    const { article, revisions } = await listRevisions(
      app.db,
      actorOf(request),
      articleId(request.params),
    );
    return sendAdminPage(request, reply, <RevisionsPage article={article} revisions={revisions} />);
  });

  app.get('/beheer/artikelen/:id/versies/:rev', writers, async (request, reply) => {
    const { id, rev } = parseInput(revisionParams, request.params, 'not_found');
    const { article, revision } = await getRevision(app.db, actorOf(request), id, rev);
    return sendAdminPage(
      request,
      reply,
      <RevisionPage
        article={article}
        revision={revision}
        previewHtml={renderMarkdown(revision.body_source)}
      />,
    );
  });

  app.post(
    '/beheer/artikelen/:id/versies/:rev/terugzetten',
    { ...writers, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = articleId(request.params);
      const { rev } = parseInput(revisionParams, request.params, 'not_found');
      const version = parseVersion(bodyOf(request));
      if (version === undefined) throw new AppError('bad_request');
      try {
        await restoreRevision(app.db, actorOf(request), id, rev, version);
      } catch (error) {
        if (!(error instanceof StaleVersionError)) throw error;
        const { article, authorIds, topicIds } = await loadForEdit(app.db, actorOf(request), id);
        return sendEditor(
          request,
          reply,
          {
            article,
            values: valuesOf(article, authorIds, topicIds),
            version: article.version,
            errors: {},
            theirs: error.current,
          },
          409,
        );
      }
      setFlash(reply, { kind: 'success', message: messages(request).form.restored });
      return reply.redirect(`/beheer/artikelen/${id}`, 303);
    },
  );

  app.post(
    '/beheer/artikelen/:id/omslag',
    { ...writers, config: { token: 'csrf', csrf: 'manual' } },
    async (request, reply) => {
      const id = articleId(request.params);
      const actor = actorOf(request);
      const { article, authorIds, topicIds } = await loadForEdit(app.db, actor, id);
      try {
        const data = await readImageUpload(request, 'cover');
        const { key } = await storeImage(app.db, app.config.dataDir, {
          data,
          kind: 'cover',
          field: 'cover',
          userId: actor.userId,
        });
        await setCover(app.db, actor, id, key);
      } catch (error) {
        const field =
          error instanceof ValidationError
            ? error.fields
            : error instanceof AppError && error.code === 'payload_too_large'
              ? { cover: error.messageKey }
              : undefined;
        if (!field) throw error;
        return sendEditor(
          request,
          reply,
          {
            article,
            values: valuesOf(article, authorIds, topicIds),
            version: article.version,
            errors: field,
          },
          error instanceof AppError ? error.status : 422,
        );
      }
      setFlash(reply, {
        kind: 'success',
        message: catalogs[app.config.locale].editor.profile.coverSaved,
      });
      return reply.redirect(`/beheer/artikelen/${id}`, 303);
    },
  );
}
