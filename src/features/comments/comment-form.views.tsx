// The comment form ("Reageren"): works as a plain form post; public/comments.js enhances
// it in place. Field errors sit next to their field and are tied to it with aria-describedby.

import { keptMarkup } from '../../infra/cache/kept-markup.js';
import type { Messages } from '../../views/messages/index.js';
import { type ErrorMessageKey, hasMessage } from '../../views/messages/keys.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { BODY_MAX, NAME_MAX } from './comment-text.js';

export interface CommentFormValues {
  name: string;
  email: string;
  website: string;
  body: string;
  notify: boolean;
  remember: boolean;
}

export const emptyCommentForm: CommentFormValues = {
  name: '',
  email: '',
  website: '',
  body: '',
  notify: false,
  remember: false,
};

type RefusedKey = keyof Messages['comments']['refused'];

export interface CommentFormProps {
  articleId: number;
  values: CommentFormValues;
  /** Field name -> key in comments.errors. */
  errors?: Record<string, ErrorMessageKey>;
  /** A refusal of the whole comment: key in comments.refused. */
  refused?: RefusedKey;
  parent?: { id: number; name: string };
  /** The logged-in author or editor: they comment under their own name. */
  staffName?: string;
  /** Forms for replies are collapsed under each comment; their ids must differ. */
  idPrefix?: string;
  /** 3 under the article's "Reacties" heading; 2 on a page of its own, below the h1. */
  headingLevel?: 2 | 3;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id}>
      {message}
    </p>
  );
}

function isBlank(props: CommentFormProps): boolean {
  const v = props.values;
  return (
    v.name === '' &&
    v.email === '' &&
    v.website === '' &&
    v.body === '' &&
    !v.notify &&
    !v.remember &&
    Object.keys(props.errors ?? {}).length === 0 &&
    !props.refused &&
    !props.parent &&
    !props.staffName &&
    props.idPrefix === undefined &&
    props.headingLevel === undefined
  );
}

/** The comment form; the blank one a new reader sees is rendered once per article. */
export function CommentForm(props: CommentFormProps) {
  const site = useSite();
  if (!isBlank(props)) return <CommentFormMarkup {...props} />;
  return keptMarkup(site, `comment-form:${props.articleId}`, () => (
    <CommentFormMarkup articleId={props.articleId} values={emptyCommentForm} />
  ));
}

function CommentFormMarkup(props: CommentFormProps) {
  const { t, formToken } = useSite();
  const c = t.comments;
  const p = props.idPrefix ?? 'reactie';
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const v = props.values;
  const errorText = (field: string): string | undefined => {
    const key = props.errors?.[field];
    if (!key) return undefined;
    return hasMessage(c.errors, key) ? c.errors[key] : t.common.errors.validation;
  };
  const described = (field: string, extra?: string) =>
    [errorText(field) ? `${p}-${field}-fout` : undefined, extra].filter(Boolean).join(' ') ||
    undefined;
  const hasErrors = Object.keys(props.errors ?? {}).length > 0;
  const refused = props.refused ? c.refused[props.refused] : undefined;
  return (
    <form
      class="comment-form"
      method="post"
      action={paths.articleComments(props.articleId)}
      data-comment-form=""
      data-sending={c.form.submitting}
      data-failed={c.form.failed}
      data-reply-label={c.form.submitReply}
      novalidate
    >
      <Heading class="comment-form__title" id={`${p}-titel`}>
        {props.parent ? c.form.replyHeading(props.parent.name) : c.form.heading}
      </Heading>
      {(hasErrors || refused) && (
        <p class="form-error" role="alert" data-comment-summary="">
          {refused ?? c.form.errorSummary}
        </p>
      )}
      {!hasErrors && !refused && (
        <p class="form-error" role="alert" data-comment-summary="" hidden />
      )}
      <input type="hidden" name="form_token" value={formToken} />
      {props.parent && <input type="hidden" name="parent_id" value={String(props.parent.id)} />}
      {props.staffName ? (
        <p class="comment-form__as">{c.form.postingAs(props.staffName)}</p>
      ) : (
        <>
          <div class="field">
            <label for={`${p}-name`}>{c.form.name}</label>
            <input
              id={`${p}-name`}
              name="name"
              type="text"
              required
              maxlength={NAME_MAX}
              autocomplete="name"
              value={v.name}
              aria-invalid={errorText('name') ? 'true' : undefined}
              aria-describedby={described('name')}
            />
            <FieldError id={`${p}-name-fout`} message={errorText('name')} />
          </div>
          <div class="field">
            <label for={`${p}-email`}>{c.form.email}</label>
            <input
              id={`${p}-email`}
              name="email"
              type="email"
              autocomplete="email"
              value={v.email}
              aria-invalid={errorText('email') ? 'true' : undefined}
              aria-describedby={described('email')}
            />
            <FieldError id={`${p}-email-fout`} message={errorText('email')} />
          </div>
          <div class="field">
            <label for={`${p}-website`}>{c.form.website}</label>
            <input
              id={`${p}-website`}
              name="website"
              type="url"
              autocomplete="url"
              inputmode="url"
              value={v.website}
              aria-invalid={errorText('website') ? 'true' : undefined}
              aria-describedby={described('website')}
            />
            <FieldError id={`${p}-website-fout`} message={errorText('website')} />
          </div>
          {/* The honeypot: hidden from people and assistive technology alike. */}
          <div class="comment-form__trap" aria-hidden="true">
            <label for={`${p}-fax`}>{c.form.trap}</label>
            <input
              id={`${p}-fax`}
              name="fax"
              type="text"
              tabindex={-1}
              autocomplete="off"
              value=""
            />
          </div>
        </>
      )}
      <div class="field">
        <label for={`${p}-body`}>{c.form.body}</label>
        <textarea
          id={`${p}-body`}
          name="body"
          rows={6}
          required
          maxlength={BODY_MAX}
          aria-invalid={errorText('body') ? 'true' : undefined}
          aria-describedby={described('body', `${p}-body-hint`)}
        >
          {v.body}
        </textarea>
        <p class="field-hint" id={`${p}-body-hint`}>
          {c.form.bodyHint}
        </p>
        <FieldError id={`${p}-body-fout`} message={errorText('body')} />
        <FieldError id={`${p}-parent_id-fout`} message={errorText('parent_id')} />
      </div>
      {!props.staffName && (
        <>
          <div class="field field--check">
            <input id={`${p}-notify`} name="notify" type="checkbox" value="1" checked={v.notify} />
            <label for={`${p}-notify`}>{c.form.notify}</label>
          </div>
          <div class="field field--check">
            <input
              id={`${p}-remember`}
              name="remember"
              type="checkbox"
              value="1"
              checked={v.remember}
            />
            <label for={`${p}-remember`}>{c.form.remember}</label>
          </div>
          <p class="comment-form__notice">
            {c.form.shownNotice} <a href="/privacy">{c.form.privacyLink}</a>
          </p>
        </>
      )}
      <button type="submit">{props.parent ? c.form.submitReply : c.form.submit}</button>
    </form>
  );
}
