// The moderation queue (/beheer/reacties): filters, bulk actions, per-comment actions,
// replies from the back office, article open/close and the site's comment settings.

import type { CommentState } from '../../../db/schema.js';
import type { Flash } from '../../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../../views/admin/admin-layout.js';
import { Pagination } from '../../../views/pagination.js';
import { useSite } from '../../../views/site-context.js';
import { isStaff } from '../../accounts/policy.js';
import { CommentBodyText } from '../comment-body.views.js';
import type { RecentComment } from '../comments.repository.js';
import type { CommentSettings } from '../comments.settings.js';

const STATES: CommentState[] = ['pending', 'approved', 'spam', 'deleted'];

export interface QueueProps {
  comments: RecentComment[];
  articles: { id: number; title: string; comments_open: number }[];
  state: CommentState | undefined;
  articleId: number | undefined;
  page: number;
  hasNext: boolean;
  flash?: Flash;
  settings?: CommentSettings;
  /** Field errors of the settings form. */
  settingsErrors?: Record<string, string>;
  returnTo: string;
}

function queueHref(state: string | undefined, articleId: number | undefined, page = 1): string {
  const q = new URLSearchParams();
  if (state) q.set('status', state);
  if (articleId !== undefined) q.set('artikel', String(articleId));
  if (page > 1) q.set('pagina', String(page));
  const s = q.toString();
  return s ? `/beheer/reacties?${s}` : '/beheer/reacties';
}

function QueueItem({ comment, returnTo }: { comment: RecentComment; returnTo: string }) {
  const { t, fmt, viewer } = useSite();
  const a = t.comments.admin;
  const label = isStaff(viewer) ? t.comments.badgeEditor : t.comments.badgeAuthor;
  return (
    <li
      class={`moderation-item moderation-item--${comment.state}`}
      id={`beheer-reactie-${comment.id}`}
    >
      <div class="moderation-item__select">
        <input
          type="checkbox"
          name="ids"
          value={String(comment.id)}
          form="bulk"
          id={`kies-${comment.id}`}
        />
        <label for={`kies-${comment.id}`} class="visually-hidden">
          {a.select(comment.name)}
        </label>
      </div>
      <div class="moderation-item__main">
        <p class="comment__meta">
          <strong>{comment.name}</strong>
          {comment.label && (
            <span class="badge">
              {comment.label === 'author' ? t.comments.badgeAuthor : t.comments.badgeEditor}
            </span>
          )}{' '}
          · {a.states[comment.state]} ·{' '}
          <a href={`/artikel/${comment.article_id}/${comment.article_slug}#reactie-${comment.id}`}>
            {comment.article_title}
          </a>{' '}
          · <time datetime={comment.created_at}>{fmt.dateTime(comment.created_at)}</time>
        </p>
        {(comment.email || comment.website) && (
          <p class="moderation-item__contact">
            {comment.email && (
              <>
                {a.email}: {comment.email}{' '}
              </>
            )}
            {comment.website && (
              <>
                {a.website}: {comment.website}
              </>
            )}
          </p>
        )}
        <CommentBodyText body={comment.body} />
        <div class="moderation-item__actions">
          {(['approve', 'spam', 'delete'] as const).map((action) => (
            <form method="post" action="/beheer/reacties/actie">
              <CsrfField />
              <input type="hidden" name="ids" value={String(comment.id)} />
              <input type="hidden" name="terug" value={returnTo} />
              <button type="submit" name="action" value={action}>
                {a[action]}
              </button>
            </form>
          ))}
          <a href={`/beheer/reacties/${comment.id}/bewerken`}>{a.edit}</a>
        </div>
        {comment.parent_id === null && comment.state === 'approved' && (
          <details class="moderation-item__reply">
            <summary>{a.reply}</summary>
            <form method="post" action={`/beheer/reacties/${comment.id}/antwoord`}>
              <CsrfField />
              <label for={`antwoord-${comment.id}`}>{a.replyLabel(comment.name)}</label>
              <textarea id={`antwoord-${comment.id}`} name="body" rows={4} required />
              <p class="field-hint">{a.replyAs(label)}</p>
              <button type="submit">{a.reply}</button>
            </form>
          </details>
        )}
      </div>
    </li>
  );
}

export function ModerationPage(props: QueueProps) {
  const { t } = useSite();
  const a = t.comments.admin;
  const current = props.articles.find((x) => x.id === props.articleId);
  return (
    <AdminLayout title={a.title} flash={props.flash}>
      <h1>{a.title}</h1>
      <form method="get" action="/beheer/reacties" class="filters">
        <fieldset>
          <legend>{a.filters}</legend>
          <label for="filter-status">{a.state}</label>
          <select id="filter-status" name="status">
            <option value="alle" selected={!props.state}>
              {a.allStates}
            </option>
            {STATES.map((s) => (
              <option value={s} selected={props.state === s}>
                {a.states[s]}
              </option>
            ))}
          </select>
          <label for="filter-artikel">{a.article}</label>
          <select id="filter-artikel" name="artikel">
            <option value="">{a.allArticles}</option>
            {props.articles.map((x) => (
              <option value={String(x.id)} selected={props.articleId === x.id}>
                {x.title}
              </option>
            ))}
          </select>
          <button type="submit">{a.apply}</button>
        </fieldset>
      </form>
      {current && (
        <form method="post" action={`/beheer/reacties/artikel/${current.id}/reageren`}>
          <CsrfField />
          <input type="hidden" name="open" value={current.comments_open ? '0' : '1'} />
          {!current.comments_open && <p>{a.closedArticle}</p>}
          <button type="submit">{current.comments_open ? a.closeArticle : a.openArticle}</button>
        </form>
      )}
      <form method="post" action="/beheer/reacties/actie" id="bulk" class="bulk-actions">
        <CsrfField />
        <input type="hidden" name="terug" value={props.returnTo} />
        <span>{a.selected}:</span>{' '}
        <button type="submit" name="action" value="approve">
          {a.approve}
        </button>{' '}
        <button type="submit" name="action" value="spam">
          {a.spam}
        </button>{' '}
        <button type="submit" name="action" value="delete">
          {a.delete}
        </button>{' '}
        <button type="submit" name="action" value="pending">
          {a.restore}
        </button>
      </form>
      {props.comments.length === 0 ? (
        <p>{a.none}</p>
      ) : (
        <ol class="moderation-list">
          {props.comments.map((c) => (
            <QueueItem comment={c} returnTo={props.returnTo} />
          ))}
        </ol>
      )}
      <Pagination
        page={props.page}
        hasNext={props.hasNext}
        hrefFor={(n) => queueHref(props.state ?? 'alle', props.articleId, n)}
      />
      {props.settings && <SettingsForm settings={props.settings} errors={props.settingsErrors} />}
      {props.settings && <ForgetForm />}
    </AdminLayout>
  );
}

function NumberField({
  name,
  label,
  value,
  error,
}: {
  name: string;
  label: string;
  value: number;
  error?: string;
}) {
  return (
    <div class="field">
      <label for={`inst-${name}`}>{label}</label>
      <input
        id={`inst-${name}`}
        name={name}
        type="number"
        min="0"
        step="1"
        value={String(value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `inst-${name}-fout` : undefined}
      />
      {error && (
        <p class="field-error" id={`inst-${name}-fout`}>
          {error}
        </p>
      )}
    </div>
  );
}

function SettingsForm({
  settings,
  errors,
}: {
  settings: CommentSettings;
  errors?: Record<string, string>;
}) {
  const { t } = useSite();
  const a = t.comments.admin;
  const err = (k: string) => (errors?.[k] ? a.invalidNumber : undefined);
  return (
    <section aria-labelledby="reactie-instellingen">
      <h2 id="reactie-instellingen">{a.settingsTitle}</h2>
      <form method="post" action="/beheer/reacties/instellingen">
        <CsrfField />
        <fieldset>
          <legend>{a.mode}</legend>
          {(['open', 'first_time', 'all'] as const).map((m) => (
            <div class="field field--check">
              <input
                type="radio"
                id={`inst-mode-${m}`}
                name="moderation"
                value={m}
                checked={settings.moderation === m}
              />
              <label for={`inst-mode-${m}`}>{a.modes[m]}</label>
            </div>
          ))}
        </fieldset>
        <NumberField
          name="closeAfterDays"
          label={a.closeAfterDays}
          value={settings.closeAfterDays}
          error={err('closeAfterDays')}
        />
        <NumberField
          name="minSeconds"
          label={a.minSeconds}
          value={settings.minSeconds}
          error={err('minSeconds')}
        />
        <NumberField
          name="maxLinks"
          label={a.maxLinks}
          value={settings.maxLinks}
          error={err('maxLinks')}
        />
        <NumberField
          name="ratePerWindow"
          label={a.ratePerWindow}
          value={settings.ratePerWindow}
          error={err('ratePerWindow')}
        />
        <NumberField
          name="duplicateHours"
          label={a.duplicateHours}
          value={settings.duplicateHours}
          error={err('duplicateHours')}
        />
        <div class="field field--check">
          <input
            type="checkbox"
            id="inst-honeypot"
            name="honeypot"
            value="1"
            checked={settings.honeypot}
          />
          <label for="inst-honeypot">{a.honeypot}</label>
        </div>
        <div class="field">
          <label for="inst-blocklist">{a.blocklist}</label>
          <textarea id="inst-blocklist" name="blocklist" rows={4}>
            {settings.blocklist.join('\n')}
          </textarea>
        </div>
        <button type="submit">{a.save}</button>
      </form>
    </section>
  );
}

function ForgetForm() {
  const { t } = useSite();
  const a = t.comments.admin;
  return (
    <section aria-labelledby="lezer-vergeten">
      <h2 id="lezer-vergeten">{a.forgetTitle}</h2>
      <form method="post" action="/beheer/reacties/vergeten">
        <CsrfField />
        <div class="field">
          <label for="vergeten-email">{a.forgetEmail}</label>
          <input id="vergeten-email" name="email" type="email" required />
        </div>
        <button type="submit" name="how" value="anonymise">
          {a.forgetAnonymise}
        </button>{' '}
        <button type="submit" name="how" value="remove">
          {a.forgetRemove}
        </button>
      </form>
    </section>
  );
}

export function ModeratorEditPage({
  comment,
  error,
  values,
}: {
  comment: { id: number; name: string; body: string; label: string | null };
  error?: { field: string; message: string };
  values?: { name: string; body: string };
}) {
  const { t } = useSite();
  const a = t.comments.admin;
  const v = values ?? comment;
  return (
    <AdminLayout title={a.edit}>
      <h1>{a.edit}</h1>
      <form method="post" action={`/beheer/reacties/${comment.id}/bewerken`}>
        <CsrfField />
        {comment.label === null && (
          <div class="field">
            <label for="mod-name">{t.comments.form.name}</label>
            <input
              id="mod-name"
              name="name"
              type="text"
              required
              value={v.name}
              aria-invalid={error?.field === 'name' ? 'true' : undefined}
              aria-describedby={error?.field === 'name' ? 'mod-name-fout' : undefined}
            />
            {error?.field === 'name' && (
              <p class="field-error" id="mod-name-fout">
                {error.message}
              </p>
            )}
          </div>
        )}
        <div class="field">
          <label for="mod-body">{t.comments.form.body}</label>
          <textarea
            id="mod-body"
            name="body"
            rows={8}
            required
            aria-invalid={error?.field === 'body' ? 'true' : undefined}
            aria-describedby={error?.field === 'body' ? 'mod-body-fout' : undefined}
          >
            {v.body}
          </textarea>
          {error?.field === 'body' && (
            <p class="field-error" id="mod-body-fout">
              {error.message}
            </p>
          )}
        </div>
        <button type="submit">{a.save}</button>
      </form>
    </AdminLayout>
  );
}
