// /beheer/onderwerpen: the topic list with its add form, and one topic's rename, merge and
// delete forms.

import type { Topic } from '../../db/schema.js';
import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { errorText, Select } from '../editor/editor-fields.js';
import type { TopicListRow, TopicRow } from './topics-admin.repository.js';

export function TopicsPage(props: {
  rows: TopicListRow[];
  q: string;
  page: number;
  hasNext: boolean;
  values?: { name: string; slug: string } | undefined;
  errors?: Record<string, string> | undefined;
  flash?: Flash | undefined;
}) {
  const { t } = useSite();
  const o = t.editor.topics;
  const errors = props.errors ?? {};
  return (
    <AdminLayout title={o.title} flash={props.flash}>
      <h1>{o.title}</h1>
      <form method="get" action="/beheer/onderwerpen" class="filters" role="search">
        <TextField name="q" type="search" label={o.search} value={props.q} />
        <button type="submit">{o.search}</button>
      </form>
      {props.rows.length === 0 ? (
        <p>{o.empty}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{o.colName}</th>
              <th scope="col">{o.colSlug}</th>
              <th scope="col">{o.colArticles}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>
                  <a href={`/beheer/onderwerpen/${row.id}`}>{row.name}</a>
                </td>
                <td>
                  <a href={paths.topic(row)}>{row.slug}</a>
                </td>
                <td>{row.article_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={props.page}
        hasNext={props.hasNext}
        hrefFor={(n) =>
          `/beheer/onderwerpen?${new URLSearchParams({ ...(props.q ? { q: props.q } : {}), pagina: String(n) })}`
        }
      />
      <section aria-labelledby="new-topic">
        <h2 id="new-topic">{o.create}</h2>
        <form method="post" action="/beheer/onderwerpen">
          <CsrfField />
          <TextField
            name="name"
            label={o.name}
            value={props.values?.name}
            error={errorText(t, errors['name'])}
            required
            maxLength={60}
          />
          <TextField
            name="slug"
            label={o.slug}
            value={props.values?.slug}
            error={errorText(t, errors['slug'])}
            hint={t.editor.form.slugHelp}
            maxLength={120}
          />
          <button type="submit">{o.create}</button>
        </form>
      </section>
    </AdminLayout>
  );
}

export function TopicPage(props: {
  topic: Topic;
  others: TopicRow[];
  values?: { name: string; slug: string } | undefined;
  errors?: Record<string, string> | undefined;
  flash?: Flash | undefined;
}) {
  const { t } = useSite();
  const o = t.editor.topics;
  const errors = props.errors ?? {};
  const base = `/beheer/onderwerpen/${props.topic.id}`;
  const title = o.renameTitle(props.topic.name);
  return (
    <AdminLayout title={title} flash={props.flash}>
      <h1>{title}</h1>
      <p>
        <a href="/beheer/onderwerpen">{o.title}</a>
      </p>
      <section aria-labelledby="rename">
        <h2 id="rename">{o.rename}</h2>
        <p>{o.renameHelp}</p>
        <form method="post" action={base}>
          <CsrfField />
          <TextField
            name="name"
            label={o.name}
            value={props.values?.name ?? props.topic.name}
            error={errorText(t, errors['name'])}
            required
            maxLength={60}
          />
          <TextField
            name="slug"
            label={o.slug}
            value={props.values?.slug ?? props.topic.slug}
            error={errorText(t, errors['slug'])}
            maxLength={120}
          />
          <button type="submit">{o.rename}</button>
        </form>
      </section>
      {props.others.length > 0 && (
        <section aria-labelledby="merge">
          <h2 id="merge">{o.merge}</h2>
          <p>{o.mergeHelp}</p>
          <form method="post" action={`${base}/samenvoegen`}>
            <CsrfField />
            <Select
              name="merge_into"
              label={o.mergeInto}
              value=""
              error={errorText(t, errors['merge_into'])}
              options={props.others.map((other) => ({
                value: String(other.id),
                label: other.name,
              }))}
            />
            <button type="submit">{o.merge}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="delete">
        <h2 id="delete">{o.delete}</h2>
        <p>{o.deleteHelp}</p>
        <form method="post" action={`${base}/verwijderen`}>
          <CsrfField />
          <button type="submit" class="button--danger">
            {o.delete}
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
