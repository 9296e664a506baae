import { AdminLayout } from '../../views/admin/admin-layout.js';
import { Pagination } from '../../views/pagination.js';
import { useSite } from '../../views/site-context.js';
import type { AuditRow } from './audit.repository.js';

export function AuditPage({
  rows,
  actions,
  action,
  page,
  hasNext,
}: {
  rows: AuditRow[];
  actions: string[];
  action: string | undefined;
  page: number;
  hasNext: boolean;
}) {
  const { t, fmt } = useSite();
  const l = t.admin.audit;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams();
    if (action) params.set('actie', action);
    if (p > 1) params.set('pagina', String(p));
    const query = params.toString();
    return `/beheer/audit${query ? `?${query}` : ''}`;
  };
  return (
    <AdminLayout title={l.title}>
      <h1>{l.title}</h1>
      <p>{l.intro}</p>
      <form method="get" action="/beheer/audit" class="filters">
        <label for="audit-actie">{l.filterAction}</label>
        <select id="audit-actie" name="actie">
          <option value="">{l.allActions}</option>
          {actions.map((a) => (
            <option value={a} selected={a === action}>
              {a}
            </option>
          ))}
        </select>
        <button type="submit">{l.filterSubmit}</button>
      </form>
      {rows.length === 0 ? (
        <p>{l.empty}</p>
      ) : (
        <div class="table-scroll">
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{l.colWhen}</th>
                <th scope="col">{l.colWho}</th>
                <th scope="col">{l.colAction}</th>
                <th scope="col">{l.colSubject}</th>
                <th scope="col">{l.colDetail}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    <time datetime={row.created_at}>{fmt.dateTime(row.created_at)}</time>
                  </td>
                  <td>{row.user_name ?? l.system}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>{row.subject_type ? `${row.subject_type} ${row.subject_id ?? ''}` : ''}</td>
                  <td>
                    <code class="audit-detail">{row.detail ?? ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} hasNext={hasNext} hrefFor={hrefFor} />
    </AdminLayout>
  );
}
