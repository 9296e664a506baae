// Pages of the comments feature itself: the form page (a reply without JavaScript, or the
// form coming back with its errors), a reader's edit page and the site-wide recent list.

import { Layout } from '../../views/layout.js';
import { hasMessage } from '../../views/messages/keys.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { CommentBodyText } from './comment-body.views.js';
import { CommentForm, type CommentFormProps } from './comment-form.views.js';
import { BODY_MAX } from './comment-text.js';
import type { RecentComment } from './comments.repository.js';

export function CommentFormPage({
  article,
  form,
}: {
  article: { id: number; slug: string; title: string };
  form: CommentFormProps;
}) {
  const { t } = useSite();
  return (
    <Layout meta={{ title: t.comments.form.pageTitle(article.title), noindex: true }}>
      <h1>{t.comments.form.pageTitle(article.title)}</h1>
      <p>
        <a href={`${paths.article(article)}#reacties`}>{t.comments.form.backToArticle}</a>
      </p>
      <CommentForm {...form} headingLevel={2} />
    </Layout>
  );
}

export function ClosedPage({ article }: { article: { id: number; slug: string; title: string } }) {
  const { t } = useSite();
  return (
    <Layout meta={{ title: t.comments.form.pageTitle(article.title), noindex: true }}>
      <h1>{t.comments.form.pageTitle(article.title)}</h1>
      <p class="form-error" role="alert">
        {t.comments.form.closed}
      </p>
      <p>
        <a href={paths.article(article)}>{t.comments.form.backToArticle}</a>
      </p>
    </Layout>
  );
}

export function EditOwnPage({
  commentId,
  article,
  body,
  error,
  editMinutes,
}: {
  commentId: number;
  article: { id: number; slug: string; title: string };
  body: string;
  error?: string;
  editMinutes: number;
}) {
  const { t, formToken } = useSite();
  const c = t.comments;
  const message = !error
    ? undefined
    : hasMessage(c.errors, error)
      ? c.errors[error]
      : hasMessage(c.refused, error)
        ? c.refused[error]
        : undefined;
  return (
    <Layout meta={{ title: c.form.editHeading, noindex: true }}>
      <h1>{c.form.editHeading}</h1>
      <p>{c.form.editWindow(editMinutes)}</p>
      <form method="post" action={`/reacties/${commentId}/bewerken`} class="comment-form">
        <input type="hidden" name="form_token" value={formToken} />
        <div class="field">
          <label for="bewerk-body">{c.form.body}</label>
          <textarea
            id="bewerk-body"
            name="body"
            rows={6}
            required
            maxlength={BODY_MAX}
            aria-invalid={message ? 'true' : undefined}
            aria-describedby={message ? 'bewerk-body-fout' : undefined}
          >
            {body}
          </textarea>
          {message && (
            <p class="field-error" id="bewerk-body-fout">
              {message}
            </p>
          )}
        </div>
        <button type="submit">{c.form.editSubmit}</button>
      </form>
      <form method="post" action={`/reacties/${commentId}/verwijderen`} class="comment-delete">
        <input type="hidden" name="form_token" value={formToken} />
        <p>{c.form.deleteQuestion}</p>
        <button type="submit" class="button--danger">
          {c.form.deleteConfirm}
        </button>
      </form>
      <p>
        <a href={`${paths.article(article)}#reactie-${commentId}`}>{c.form.backToArticle}</a>
      </p>
    </Layout>
  );
}

export function RecentCommentsPage({
  comments,
  page,
  hasNext,
}: {
  comments: RecentComment[];
  page: number;
  hasNext: boolean;
}) {
  const { t, fmt } = useSite();
  const c = t.comments;
  return (
    <Layout meta={{ title: c.recent.title, description: c.recent.description, noindex: page > 1 }}>
      <h1>{c.recent.title}</h1>
      {comments.length === 0 ? (
        <p>{c.recent.none}</p>
      ) : (
        <ol class="comment-list comment-list--recent">
          {comments.map((comment) => (
            <li class="comment" id={`reactie-${comment.id}`}>
              <article aria-labelledby={`reactie-${comment.id}-naam`}>
                <header class="comment__meta">
                  <span class="comment__name" id={`reactie-${comment.id}-naam`}>
                    {comment.name}
                  </span>
                  {comment.label && (
                    <span class="badge">
                      {comment.label === 'author' ? c.badgeAuthor : c.badgeEditor}
                    </span>
                  )}{' '}
                  {c.recent.on}{' '}
                  <a
                    href={`${paths.article({ id: comment.article_id, slug: comment.article_slug })}#reactie-${comment.id}`}
                  >
                    {comment.article_title}
                  </a>{' '}
                  <time class="comment__date" datetime={comment.created_at}>
                    {fmt.dateTime(comment.created_at)}
                  </time>
                </header>
                <CommentBodyText body={comment.body} />
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination
        page={page}
        hasNext={hasNext}
        hrefFor={(n) => (n === 1 ? '/reacties' : `/reacties?pagina=${n}`)}
      />
    </Layout>
  );
}
