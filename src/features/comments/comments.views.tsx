// The list of approved comments under an article: one reply level, author and editor
// replies marked. Bodies are plain text: escaped, paragraphs and line breaks kept.

import type { CommentState } from '../../db/schema.js';
import { memoizeByString } from '../../infra/cache/memo.js';
import { assetUrl } from '../../views/assets.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { CommentBodyText } from './comment-body.views.js';
import { CommentForm, type CommentFormValues } from './comment-form.views.js';

export interface CommentView {
  id: number;
  parentId: number | null;
  name: string;
  website: string | null;
  body: string;
  createdAt: string;
  label: 'author' | 'editor' | null;
  state: CommentState;
  /** This browser wrote it and may still edit or delete it. */
  editable?: boolean;
}

/** What the comment section needs beyond the list: the form and the reply links. */
export interface CommentSectionOptions {
  articleId: number;
  open: boolean;
  form: CommentFormValues;
  /** The logged-in author or editor, who comments under their own name. */
  staffName?: string;
  /** A flash message for this article (after a post without JavaScript). */
  notice?: string;
}

/** Only http(s) links are shown as links; anything else is shown as the name alone. */
const safeWebsiteOf = memoizeByString((website: string): string | null => {
  try {
    const url = new URL(website);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
});

function safeWebsite(website: string | null): string | null {
  return website ? safeWebsiteOf(website) : null;
}

export function CommentItem({
  comment,
  replies,
  replyHref,
}: {
  comment: CommentView;
  replies: CommentView[];
  /** Where the reply link of a top-level comment goes, when replies are possible. */
  replyHref?: string;
}) {
  const { t, fmt } = useSite();
  const website = safeWebsite(comment.website);
  const badge =
    comment.label === 'author'
      ? t.comments.badgeAuthor
      : comment.label === 'editor'
        ? t.comments.badgeEditor
        : null;
  return (
    <li
      class={`comment${comment.label ? ` comment--${comment.label}` : ''}${comment.state === 'pending' ? ' comment--pending' : ''}`}
      id={`reactie-${comment.id}`}
    >
      {/* No heading of its own: the commenter's name names the comment. */}
      <article aria-labelledby={`reactie-${comment.id}-naam`}>
        <header class="comment__meta">
          <span class="comment__name" id={`reactie-${comment.id}-naam`}>
            {website ? (
              <a href={website} rel="nofollow ugc noopener">
                {comment.name}
              </a>
            ) : (
              comment.name
            )}
          </span>
          {badge && <span class="badge">{badge}</span>}{' '}
          <time class="comment__date" datetime={fmt.isoDate(comment.createdAt)}>
            {fmt.dateTime(comment.createdAt)}
          </time>
        </header>
        {comment.state === 'pending' && <p class="comment__pending">{t.comments.pending}</p>}
        <CommentBodyText body={comment.body} />
        {(replyHref || comment.editable) && (
          <p class="comment__actions">
            {replyHref && comment.state === 'approved' && (
              <a
                href={replyHref}
                data-reply-to={String(comment.id)}
                data-reply-heading={t.comments.replyTo(comment.name)}
              >
                {t.comments.reply}
              </a>
            )}
            {comment.editable && (
              <>
                {replyHref && comment.state === 'approved' && ' · '}
                <a href={`/reacties/${comment.id}/bewerken`}>{t.comments.editOwn}</a>
              </>
            )}
          </p>
        )}
      </article>
      {replies.length > 0 && (
        <ol class="comment-replies" aria-label={t.comments.repliesLabel(comment.name)}>
          {replies.map((reply) => (
            <CommentItem comment={reply} replies={[]} />
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * Approved comments in date order; replies sit under their parent (one level: a reply
 * to a reply is shown under the top-level comment it belongs to).
 */
export function CommentList({
  comments,
  section,
}: {
  comments: CommentView[];
  section?: CommentSectionOptions;
}) {
  const { t } = useSite();
  // Held comments reach this list only for the reader who wrote them.
  const approved = comments
    .filter((c) => c.state === 'approved' || c.state === 'pending')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
  const byId = new Map(approved.map((c) => [c.id, c]));
  const rootOf = (c: CommentView): CommentView => {
    let current = c;
    for (let depth = 0; depth < 10 && current.parentId !== null; depth++) {
      const parent = byId.get(current.parentId);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const roots: CommentView[] = [];
  const repliesOf = new Map<number, CommentView[]>();
  let shown = 0;
  for (const c of approved) {
    // A reply whose parent is not shown (not approved) is left out with it.
    if (c.parentId !== null && !byId.has(c.parentId)) continue;
    if (c.state === 'approved') shown++;
    const root = rootOf(c);
    if (root.id === c.id) {
      roots.push(c);
    } else {
      const list = repliesOf.get(root.id) ?? [];
      list.push(c);
      repliesOf.set(root.id, list);
    }
  }
  return (
    <section class="comments" id="reacties" aria-labelledby="reacties-titel">
      <h2 id="reacties-titel">{t.comments.headingWithCount(shown)}</h2>
      {roots.length === 0 ? (
        <p class="comments__none">{t.comments.none}</p>
      ) : (
        <ol class="comment-list">
          {roots.map((c) => (
            <CommentItem
              comment={c}
              replies={repliesOf.get(c.id) ?? []}
              replyHref={
                section?.open
                  ? `${paths.articleComments(section.articleId)}?antwoord=${c.id}`
                  : undefined
              }
            />
          ))}
        </ol>
      )}
      {section?.notice && (
        <p class="flash flash--success" role="status">
          {section.notice}
        </p>
      )}
      {section &&
        (section.open ? (
          <>
            <CommentForm
              articleId={section.articleId}
              values={section.form}
              staffName={section.staffName}
            />
            <script src={assetUrl('comments.js')} defer />
          </>
        ) : (
          <p class="comments__closed">{t.comments.form.closed}</p>
        ))}
    </section>
  );
}

/** One comment as the enhancing script inserts it after a post. */
export function CommentItemFragment({ comment }: { comment: CommentView }) {
  return <CommentItem comment={comment} replies={[]} />;
}
