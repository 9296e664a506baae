// Pages of the article editor: the list, the form (with preview and the stale-version
// view), revisions.

import type { Article, ArticleStatus } from '../../db/schema.js';
import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { assetUrl } from '../../views/assets.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { rawHtml } from '../../views/render.js';
import { useSite } from '../../views/site-context.js';
import { mediaUrl } from '../media/media.service.js';
import type { ArticleFormValues } from './editor.schemas.js';
import { errorText, Select, TextArea } from './editor-fields.js';
import { isoToLocalInput } from './publish-time.js';

export const STATUSES: ArticleStatus[] = ['draft', 'scheduled', 'published', 'archived'];

export interface Choice {
  id: number;
  name: string;
}

export interface ArticleListItem {
  id: number;
  slug: string;
  title: string;
  status: ArticleStatus;
  publish_at: string | null;
  updated_at: string;
  authors: string[];
}

export interface ArticleListFilters {
  q: string;
  status: string;
  author: string;
  topic: string;
}

export function articleListHref(filters: ArticleListFilters, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (page > 1) params.set('pagina', String(page));
  const qs = params.toString();
  return `/beheer/artikelen${qs ? `?${qs}` : ''}`;
}

export function ArticleListPage(props: {
  items: ArticleListItem[];
  filters: ArticleListFilters;
  page: number;
  hasNext: boolean;
  authors: Choice[];
  topics: Choice[];
  flash?: Flash | undefined;
}) {
  const { t, fmt } = useSite();
  const e = t.editor;
  const any = { value: '', label: e.list.any };
  return (
    <AdminLayout title={e.list.title} flash={props.flash}>
      <h1>{e.list.title}</h1>
      <p>
        <a class="button" href="/beheer/artikelen/nieuw">
          {e.list.newArticle}
        </a>
      </p>
      <form method="get" action="/beheer/artikelen" class="filters">
        <TextField name="q" label={e.list.search} value={props.filters.q} type="search" />
        <Select
          name="status"
          label={e.list.filterStatus}
          value={props.filters.status}
          options={[any, ...STATUSES.map((s) => ({ value: s, label: e.status[s] }))]}
        />
        {props.authors.length > 0 && (
          <Select
            name="author"
            label={e.list.filterAuthor}
            value={props.filters.author}
            options={[any, ...props.authors.map((a) => ({ value: String(a.id), label: a.name }))]}
          />
        )}
        <Select
          name="topic"
          label={e.list.filterTopic}
          value={props.filters.topic}
          options={[any, ...props.topics.map((a) => ({ value: String(a.id), label: a.name }))]}
        />
        <button type="submit">{e.list.apply}</button>
      </form>
      {props.items.length === 0 ? (
        <p>{e.list.empty}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{e.list.colTitle}</th>
              <th scope="col">{e.list.colStatus}</th>
              <th scope="col">{e.list.colAuthors}</th>
              <th scope="col">{e.list.colPublishAt}</th>
              <th scope="col">{e.list.colUpdated}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((a) => (
              <tr>
                <td>
                  <a href={`/beheer/artikelen/${a.id}`}>{a.title}</a>
                </td>
                <td>
                  <span class={`status status--${a.status}`}>{e.status[a.status]}</span>
                </td>
                <td>{a.authors.join(', ')}</td>
                <td>{a.publish_at ? fmt.dateTime(a.publish_at) : ''}</td>
                <td>{fmt.dateTime(a.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={props.page}
        hasNext={props.hasNext}
        hrefFor={(p) => articleListHref(props.filters, p)}
      />
    </AdminLayout>
  );
}

export interface EditorPageProps {
  article?: Article | undefined;
  values: ArticleFormValues;
  version: number;
  errors: Record<string, string>;
  mayPublish: boolean;
  authors: (Choice & { guest: boolean })[];
  topics: Choice[];
  previewHtml?: string | undefined;
  /** Set when a save was refused because someone else saved first. */
  theirs?: Article | undefined;
  flash?: Flash | undefined;
}

export function emptyValues(): ArticleFormValues {
  return {
    title: '',
    slug: '',
    lead: '',
    body: '',
    topicIds: [],
    newTopics: '',
    coverImage: '',
    status: 'draft',
    publishAt: '',
    authorIds: [],
    commentsOpen: true,
  };
}

export function valuesOf(
  article: Article,
  authorIds: number[],
  topicIds: number[],
): ArticleFormValues {
  return {
    title: article.title,
    slug: article.slug,
    lead: article.lead,
    body: article.body_source,
    topicIds,
    newTopics: '',
    coverImage: article.cover_image ?? '',
    status: article.status,
    publishAt: isoToLocalInput(article.publish_at),
    authorIds,
    commentsOpen: article.comments_open === 1,
  };
}

function TheirVersion({ theirs }: { theirs: Article }) {
  const { t } = useSite();
  const c = t.editor.conflict;
  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{c.title}</h2>
      <p role="alert">{c.intro}</p>
      <h3>{c.theirs}</h3>
      <div class="conflict__theirs">
        <p>
          <strong>{theirs.title}</strong>
        </p>
        <p>{theirs.lead}</p>
        <pre class="conflict__body">{theirs.body_source}</pre>
      </div>
      <h3>{c.yours}</h3>
    </section>
  );
}

export function EditorPage(props: EditorPageProps) {
  const site = useSite();
  const { t } = site;
  const e = t.editor;
  const f = e.form;
  const v = props.values;
  const err = (name: string) => errorText(t, props.errors[name]);
  const action = props.article
    ? `/beheer/artikelen/${props.article.id}`
    : '/beheer/artikelen/nieuw';
  const title = props.article ? f.editTitle(props.article.title) : f.newTitle;
  // One select per byline place, plus an empty one to add an author without script.
  const bylineSlots = Math.max(3, v.authorIds.length + 1);
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <AdminLayout title={title} flash={props.flash}>
      <h1>{title}</h1>
      {props.article && (
        <p class="editor-links">
          <a href={`/beheer/artikelen/${props.article.id}/versies`}>{f.revisions}</a>
          {props.article.status === 'published' && (
            <>
              {' · '}
              <a href={paths.article(props.article)}>{f.viewPublic}</a>
            </>
          )}
        </p>
      )}
      {hasErrors && !props.theirs && (
        <p class="flash flash--error" role="alert">
          {errorText(t, props.errors['form'] ?? 'form_invalid')}
        </p>
      )}
      {props.theirs && <TheirVersion theirs={props.theirs} />}
      <form method="post" action={action} class="editor-form" id="article-form">
        <CsrfField />
        <input type="hidden" name="version" value={String(props.version)} />
        <TextField
          name="title"
          label={f.title}
          value={v.title}
          error={err('title')}
          required
          maxLength={200}
        />
        <TextField
          name="slug"
          label={f.slug}
          value={v.slug}
          error={err('slug')}
          hint={f.slugHelp}
          maxLength={120}
        />
        <TextArea name="lead" label={f.lead} value={v.lead} error={err('lead')} rows={3} />
        <TextArea
          name="body"
          label={f.body}
          value={v.body}
          error={err('body')}
          hint={f.bodyHelp}
          rows={18}
        />
        <fieldset class={err('topics') ? 'field field--error' : 'field'}>
          <legend>{f.topics}</legend>
          {err('topics') && <p class="field__error">{err('topics')}</p>}
          <div class="checkbox-list">
            {props.topics.map((topic) => (
              <label>
                <input
                  type="checkbox"
                  name="topic_ids"
                  value={String(topic.id)}
                  checked={v.topicIds.includes(topic.id)}
                />{' '}
                {topic.name}
              </label>
            ))}
          </div>
          <TextField
            name="new_topics"
            label={f.newTopics}
            value={v.newTopics}
            hint={f.newTopicsHelp}
          />
        </fieldset>
        <input type="hidden" name="cover_image" value={v.coverImage} />
        {v.coverImage && (
          <div class="field">
            <p>{f.coverImage}</p>
            <img src={mediaUrl(v.coverImage, 640)} alt="" width={320} height={180} />
            <label>
              <input type="checkbox" name="remove_cover" value="1" /> {f.removeCover}
            </label>
          </div>
        )}
        {err('cover_image') && <p class="field__error">{err('cover_image')}</p>}
        {props.mayPublish ? (
          <>
            <fieldset class={err('authors') ? 'field field--error' : 'field'}>
              <legend>{f.authors}</legend>
              {err('authors') && <p class="field__error">{err('authors')}</p>}
              {Array.from({ length: bylineSlots }, (_, i) => (
                <Select
                  id={`field-author-${i + 1}`}
                  name={`author_${i + 1}`}
                  label={f.authorN(i + 1)}
                  value={v.authorIds[i] !== undefined ? String(v.authorIds[i]) : ''}
                  options={[
                    { value: '', label: f.noAuthor },
                    ...props.authors.map((a) => ({
                      value: String(a.id),
                      label: a.guest ? `${a.name} (${f.guest})` : a.name,
                    })),
                  ]}
                />
              ))}
            </fieldset>
            <Select
              name="status"
              label={f.status}
              value={v.status ?? 'draft'}
              error={err('status')}
              options={STATUSES.map((s) => ({ value: s, label: e.status[s] }))}
            />
            <TextField
              name="publish_at"
              type="datetime-local"
              label={f.publishAt}
              value={v.publishAt}
              error={err('publish_at')}
              hint={f.publishAtHelp}
            />
          </>
        ) : (
          <p class="field__hint">
            {e.status[v.status ?? 'draft']} — {f.authorNote}
          </p>
        )}
        <div class="field">
          <label>
            <input type="checkbox" name="comments_open" value="1" checked={v.commentsOpen} />{' '}
            {f.commentsOpen}
          </label>
        </div>
        <div class="form-actions">
          <button type="submit" name="action" value="save">
            {f.save}
          </button>{' '}
          <button type="submit" name="action" value="preview" class="button--secondary">
            {f.preview}
          </button>
        </div>
      </form>
      <section class="editor-preview" aria-labelledby="preview-title" id="article-preview">
        <h2 id="preview-title">{f.previewTitle}</h2>
        <div class="prose" id="article-preview-body">
          {props.previewHtml !== undefined ? (
            <div dangerouslySetInnerHTML={rawHtml(props.previewHtml)} />
          ) : (
            <p>{f.previewEmpty}</p>
          )}
        </div>
      </section>
      {props.article && (
        <>
          <form
            method="post"
            action={`/beheer/artikelen/${props.article.id}/omslag`}
            enctype="multipart/form-data"
            class="upload-form"
          >
            <CsrfField />
            <div class="field">
              <label for="field-cover">{f.uploadCover}</label>
              <p class="field__hint" id="field-cover-hint">
                {f.coverHelp}
              </p>
              {err('cover') && <p class="field__error">{err('cover')}</p>}
              <input
                id="field-cover"
                type="file"
                name="cover"
                accept="image/jpeg,image/png,image/webp"
                aria-describedby="field-cover-hint"
              />
            </div>
            <button type="submit">{f.uploadCover}</button>
          </form>
          <form
            method="post"
            action={`/beheer/artikelen/${props.article.id}/verwijderen`}
            class="danger-zone"
          >
            <CsrfField />
            <label>
              <input type="checkbox" name="confirm" value="1" required /> {f.deleteConfirm}
            </label>{' '}
            <button type="submit" class="button--danger">
              {f.delete}
            </button>
          </form>
        </>
      )}
      <script src={assetUrl('editor.js')} defer />
    </AdminLayout>
  );
}

export function RevisionsPage(props: {
  article: Article;
  revisions: { id: number; title: string; created_at: string; user_name: string | null }[];
}) {
  const { t, fmt } = useSite();
  const r = t.editor.revisions;
  return (
    <AdminLayout title={r.title(props.article.title)}>
      <h1>{r.title(props.article.title)}</h1>
      <p>
        <a href={`/beheer/artikelen/${props.article.id}`}>{r.back}</a>
      </p>
      {props.revisions.length === 0 ? (
        <p>{r.empty}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{r.when}</th>
              <th scope="col">{t.editor.form.title}</th>
              <th scope="col">{r.by}</th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((rev) => (
              <tr>
                <td>
                  <a href={`/beheer/artikelen/${props.article.id}/versies/${rev.id}`}>
                    {fmt.dateTime(rev.created_at)}
                  </a>
                </td>
                <td>{rev.title}</td>
                <td>{rev.user_name ?? r.unknown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export function RevisionPage(props: {
  article: Article;
  revision: { id: number; title: string; lead: string; body_source: string; created_at: string };
  previewHtml: string;
}) {
  const { t, fmt } = useSite();
  const r = t.editor.revisions;
  const heading = r.revisionTitle(fmt.dateTime(props.revision.created_at));
  return (
    <AdminLayout title={heading}>
      <h1>{heading}</h1>
      <p>
        <a href={`/beheer/artikelen/${props.article.id}/versies`}>{t.editor.form.revisions}</a>
        {' · '}
        <a href={`/beheer/artikelen/${props.article.id}`}>{r.back}</a>
      </p>
      <h2>{props.revision.title}</h2>
      <p class="lead">{props.revision.lead}</p>
      <div class="prose" dangerouslySetInnerHTML={rawHtml(props.previewHtml)} />
      <form
        method="post"
        action={`/beheer/artikelen/${props.article.id}/versies/${props.revision.id}/terugzetten`}
      >
        <CsrfField />
        <input type="hidden" name="version" value={String(props.article.version)} />
        <button type="submit">{r.restore}</button>
      </form>
    </AdminLayout>
  );
}
