// Back-office views of the newsletter: overview (lists, editions, settings, bounces), the
// subscribers of one list with their consent records, and the edition composer.
import type { DeliveryState, EditionState, SubscriptionState } from '../../db/schema.js';
import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { hasMessage } from '../../views/messages/keys.js';
import { Pagination } from '../../views/pagination.js';
import { useSite } from '../../views/site-context.js';
import type { EditionArticle } from './editions.repository.js';
import type { ListRow, SubscriberRow } from './newsletters.repository.js';

type Errors = Record<string, string>;

function useAdminWords() {
  const site = useSite();
  const a = site.t.newsletters.admin;
  const err = (key: string | undefined) =>
    key ? (hasMessage(a.errors, key) ? a.errors[key] : site.t.common.errors.validation) : undefined;
  return { site, a, err };
}

export interface OverviewData {
  lists: ListRow[];
  counts: { list_id: number; state: SubscriptionState; n: number }[];
  editions: {
    id: number;
    subject: string;
    state: EditionState;
    list_name: string;
    created_at: string;
    send_at: string | null;
  }[];
  deliveries: Map<number, Record<DeliveryState, number>>;
  rate: number | undefined;
  box: string | undefined;
}

/** A list's name, description and visibility, as the new-list and edit forms ask them. */
function ListFields({ values, errors }: { values: Record<string, string>; errors: Errors }) {
  const { a, err } = useAdminWords();
  return (
    <>
      <TextField
        name="name"
        label={a.name}
        value={values.name}
        error={err(errors.name)}
        maxLength={80}
        required
      />
      <TextField
        name="description"
        label={a.description}
        value={values.description}
        error={err(errors.description)}
        maxLength={500}
      />
      <div class="field">
        <input
          id="field-is_public"
          type="checkbox"
          name="is_public"
          value="1"
          checked={values.is_public !== '0'}
        />{' '}
        <label for="field-is_public">{a.isPublic}</label>
      </div>
    </>
  );
}

export function NewslettersOverviewPage({
  data,
  flash,
  errors = {},
  values = {},
}: {
  data: OverviewData;
  flash?: Flash | undefined;
  errors?: Errors;
  values?: Record<string, string>;
}) {
  const { site, a, err } = useAdminWords();
  const count = (listId: number, state: SubscriptionState) =>
    data.counts.find((c) => c.list_id === listId && c.state === state)?.n ?? 0;
  return (
    <AdminLayout title={a.title} flash={flash}>
      <h1>{a.title}</h1>
      <h2>{a.lists}</h2>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{a.name}</th>
            <th scope="col">{a.confirmed}</th>
            <th scope="col">{a.pending}</th>
            <th scope="col">{a.unsubscribed}</th>
            <th scope="col">{a.editions}</th>
          </tr>
        </thead>
        <tbody>
          {data.lists.map((l) => (
            <tr>
              <td>
                <a href={`/beheer/nieuwsbrieven/lijsten/${l.id}`}>{l.name}</a>
              </td>
              <td>{site.fmt.integer(count(l.id, 'confirmed'))}</td>
              <td>{site.fmt.integer(count(l.id, 'pending'))}</td>
              <td>{site.fmt.integer(count(l.id, 'unsubscribed'))}</td>
              <td>
                <a href={`/beheer/nieuwsbrieven/edities/nieuw?lijst=${l.id}`}>{a.newEdition}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{a.newList}</h2>
      <form method="post" action="/beheer/nieuwsbrieven/lijsten">
        <CsrfField />
        <ListFields values={values} errors={errors} />
        <button type="submit">{a.create}</button>
      </form>

      <h2>{a.editions}</h2>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{a.subject}</th>
            <th scope="col">{a.lists}</th>
            <th scope="col">{a.state}</th>
            <th scope="col">{a.queued}</th>
            <th scope="col">{a.sent}</th>
            <th scope="col">{a.failed}</th>
          </tr>
        </thead>
        <tbody>
          {data.editions.map((e) => {
            const c = data.deliveries.get(e.id) ?? { queued: 0, sent: 0, failed: 0 };
            return (
              <tr>
                <td>
                  <a href={`/beheer/nieuwsbrieven/edities/${e.id}`}>{e.subject}</a>
                </td>
                <td>{e.list_name}</td>
                <td>{a.states[e.state]}</td>
                <td>{site.fmt.integer(c.queued)}</td>
                <td>{site.fmt.integer(c.sent)}</td>
                <td>{site.fmt.integer(c.failed)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{a.settings}</h2>
      <form method="post" action="/beheer/nieuwsbrieven/instellingen">
        <CsrfField />
        <TextField
          name="rate"
          type="number"
          label={a.rate}
          min={1}
          max={100000}
          value={values.rate ?? String(data.rate ?? 600)}
          error={err(errors.rate)}
        />
        <fieldset class="field">
          <legend>{a.box}</legend>
          {(
            [
              ['sidebar', a.boxSidebar],
              ['article-end', a.boxArticleEnd],
              ['none', a.boxNone],
            ] as const
          ).map(([value, label]) => (
            <div>
              <input
                id={`field-box-${value}`}
                type="radio"
                name="box"
                value={value}
                checked={(values.box ?? data.box ?? 'article-end') === value}
              />{' '}
              <label for={`field-box-${value}`}>{label}</label>
            </div>
          ))}
          {errors.box && <p class="field__error">{err(errors.box)}</p>}
        </fieldset>
        <button type="submit">{a.save}</button>
      </form>

      <h2>{a.bounceHeading}</h2>
      <form method="post" action="/beheer/nieuwsbrieven/bounce">
        <CsrfField />
        <TextField
          name="email"
          type="email"
          label={a.bounceEmail}
          value={values.email}
          error={err(errors.email)}
          required
        />
        <button type="submit" name="kind" value="bounce">
          {a.bounce}
        </button>{' '}
        <button type="submit" name="kind" value="complaint">
          {a.complaint}
        </button>
      </form>
    </AdminLayout>
  );
}

export function SubscribersPage({
  list,
  subscribers,
  page = 1,
  hasNext = false,
  search,
  flash,
  errors = {},
  values,
}: {
  list: ListRow;
  /** One page of them, newest first. */
  subscribers: SubscriberRow[];
  page?: number;
  hasNext?: boolean;
  search: string;
  flash?: Flash | undefined;
  /** A refused edit of the list: its field errors and what was typed. */
  errors?: Errors | undefined;
  values?: Record<string, string> | undefined;
}) {
  const { site, a } = useAdminWords();
  const stateWord = (s: SubscriptionState) =>
    s === 'confirmed' ? a.confirmed : s === 'pending' ? a.pending : a.unsubscribed;
  const query = search ? `?q=${encodeURIComponent(search)}` : '';
  const shown = values ?? {
    name: list.name,
    description: list.description ?? '',
    is_public: list.is_public ? '1' : '0',
  };
  const refused = Object.keys(errors).length > 0;
  return (
    <AdminLayout title={`${a.subscribers}: ${list.name}`} flash={flash}>
      <h1>
        {a.subscribers}: {list.name}
      </h1>
      <details open={refused}>
        <summary>{a.editList}</summary>
        <form method="post" action={`/beheer/nieuwsbrieven/lijsten/${list.id}`}>
          <CsrfField />
          <ListFields values={shown} errors={errors} />
          <button type="submit">{a.save}</button>
        </form>
      </details>
      <form method="get" action={`/beheer/nieuwsbrieven/lijsten/${list.id}`} role="search">
        <label for="subscriber-search">{a.search}</label>{' '}
        <input id="subscriber-search" type="search" name="q" value={search} maxLength={254} />{' '}
        <button type="submit">{a.searchButton}</button>
      </form>
      <p>
        <a href={`/beheer/nieuwsbrieven/lijsten/${list.id}/abonnees.csv${query}`}>{a.exportCsv}</a>
      </p>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{a.bounceEmail}</th>
            <th scope="col">{a.state}</th>
            <th scope="col">{a.since}</th>
            <th scope="col">{a.consent}</th>
            <th scope="col">
              <span class="visually-hidden">{a.remove}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {subscribers.map((s) => (
            <tr>
              <td>{s.email}</td>
              <td>
                {stateWord(s.state)}
                {s.suppressed_at ? ` (${a.suppressed})` : ''}
              </td>
              <td>{site.fmt.dateTime(s.created_at)}</td>
              <td>
                <details>
                  <summary>{a.consent}</summary>
                  <dl>
                    <dt>{a.consentAt}</dt>
                    <dd>{site.fmt.dateTime(s.consent_at)}</dd>
                    <dt>{a.consentHash}</dt>
                    <dd>
                      <code>{s.consent_address_hash ?? '–'}</code>
                    </dd>
                    <dt>{a.consentText}</dt>
                    <dd>{s.consent_text}</dd>
                  </dl>
                </details>
              </td>
              <td>
                <form method="post" action={`/beheer/nieuwsbrieven/abonnees/${s.id}/verwijderen`}>
                  <CsrfField />
                  <button type="submit">{a.remove}</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination
        page={page}
        hasNext={hasNext}
        hrefFor={(n) => {
          const params = new URLSearchParams();
          if (search) params.set('q', search);
          if (n > 1) params.set('pagina', String(n));
          const q = params.toString();
          return `/beheer/nieuwsbrieven/lijsten/${list.id}${q ? `?${q}` : ''}`;
        }}
      />
    </AdminLayout>
  );
}

export function EditionComposePage({
  list,
  suggestions,
  errors = {},
  values = { subject: '', intro: '', articles: [] },
}: {
  list: ListRow;
  suggestions: EditionArticle[];
  errors?: Errors;
  values?: { subject: string; intro: string; articles: number[] };
}) {
  const { site, a, err } = useAdminWords();
  return (
    <AdminLayout title={a.newEdition}>
      <h1>
        {a.newEdition}: {list.name}
      </h1>
      <form method="post" action="/beheer/nieuwsbrieven/edities">
        <CsrfField />
        <input type="hidden" name="list" value={String(list.id)} />
        <TextField
          name="subject"
          label={a.subject}
          value={values.subject}
          error={err(errors.subject)}
          maxLength={150}
          required
        />
        <div class={errors.intro ? 'field field--error' : 'field'}>
          <label for="field-intro">{a.intro}</label>
          {errors.intro && <p class="field__error">{err(errors.intro)}</p>}
          <textarea id="field-intro" name="intro" rows={6} maxLength={5000}>
            {values.intro}
          </textarea>
        </div>
        <fieldset class="field">
          <legend>{a.articles}</legend>
          <p>{a.suggestion}</p>
          {errors.articles && <p class="field__error">{err(errors.articles)}</p>}
          {suggestions.length === 0 && <p>{a.noArticles}</p>}
          {suggestions.map((s) => (
            <div>
              <input
                id={`field-article-${s.id}`}
                type="checkbox"
                name="articles"
                value={String(s.id)}
                checked={values.articles.includes(s.id)}
              />{' '}
              <label for={`field-article-${s.id}`}>
                {s.title}
                {s.grade_count > 0 && ` (${site.fmt.decimal(s.grade_sum / s.grade_count)})`}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{a.saveDraft}</button>
      </form>
    </AdminLayout>
  );
}

export function EditionPage({
  edition,
  listName,
  counts,
  flash,
  errors = {},
}: {
  edition: { id: number; subject: string; state: EditionState; send_at: string | null };
  listName: string;
  counts: Record<DeliveryState, number>;
  flash?: Flash | undefined;
  errors?: Errors;
}) {
  const { site, a, err } = useAdminWords();
  const base = `/beheer/nieuwsbrieven/edities/${edition.id}`;
  return (
    <AdminLayout title={edition.subject} flash={flash}>
      <h1>{edition.subject}</h1>
      <p>
        {listName} · {a.states[edition.state]}
        {edition.send_at ? ` · ${site.fmt.dateTime(edition.send_at)}` : ''}
      </p>
      {errors.form && (
        <p class="flash flash--error" role="alert">
          {err(errors.form)}
        </p>
      )}
      <p>
        {a.queued}: {site.fmt.integer(counts.queued)} · {a.sent}: {site.fmt.integer(counts.sent)} ·{' '}
        {a.failed}: {site.fmt.integer(counts.failed)}
      </p>
      <p>
        <a href={`${base}/voorbeeld`}>{a.preview}</a>
      </p>
      <form method="post" action={`${base}/test`}>
        <CsrfField />
        <button type="submit">{a.sendTest}</button>
      </form>
      {edition.state === 'draft' && (
        <>
          <form method="post" action={`${base}/versturen`}>
            <CsrfField />
            <button type="submit">{a.sendNow}</button>
          </form>
          <form method="post" action={`${base}/inplannen`}>
            <CsrfField />
            <TextField
              name="send_at"
              type="datetime-local"
              label={a.sendAt}
              error={err(errors.send_at)}
              required
            />
            <button type="submit">{a.schedule}</button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}
