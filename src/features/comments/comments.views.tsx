// The list of approved comments under an article: one reply level, author and editor
// replies marked. Bodies are plain text: escaped, paragraphs and line breaks kept.
import type { CommentState } from '../../db/schema.js';
import { useSite } from '../../views/site-context.js';

export interface CommentView {
  id: number;
  parentId: number | null;
  name: string;
  website: string | null;
  body: string;
  createdAt: string;
  label: 'author' | 'editor' | null;
  state: CommentState;
}

/** Splits plain text into paragraphs (blank lines) of lines (single newlines). */
export function paragraphsOf(body: string): string[][] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.split('\n').map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim() !== ''));
}

function CommentBody({ body }: { body: string }) {
  return (
    <div class="comment__body">
      {paragraphsOf(body).map((lines) => (
        <p>
          {lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

/** Only http(s) links are shown as links; anything else is shown as the name alone. */
function safeWebsite(website: string | null): string | null {
  if (!website) return null;
  try {
    const url = new URL(website);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function CommentItem({ comment, replies }: { comment: CommentView; replies: CommentView[] }) {
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
      class={`comment${comment.label ? ` comment--${comment.label}` : ''}`}
      id={`reactie-${comment.id}`}
    >
      <article>
        <header class="comment__meta">
          <span class="comment__name">
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
        <CommentBody body={comment.body} />
        {/* The reply link or form for this comment goes here. */}
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
export function CommentList({ comments }: { comments: CommentView[] }) {
  const { t } = useSite();
  const approved = comments
    .filter((c) => c.state === 'approved')
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
    shown++;
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
            <CommentItem comment={c} replies={repliesOf.get(c.id) ?? []} />
          ))}
        </ol>
      )}
      {/* The comment form ("Reageren") goes here, below the list. */}
    </section>
  );
}
