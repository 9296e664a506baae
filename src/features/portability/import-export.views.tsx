// Back-office page for moving a site in and out: export download, WXR upload, runs.
import type { Selectable } from 'kysely';
import type { ImportRunsTable } from '../../db/schema.js';
import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { useSite } from '../../views/site-context.js';
import type { ImportProgress } from './wordpress-import.service.js';

type Run = Selectable<ImportRunsTable>;

export const IMPORT_EXPORT_PATH = '/beheer/import-export';

export function ImportExportPage({
  runs,
  flash,
  error,
}: {
  runs: Run[];
  flash?: Flash | undefined;
  error?: string | undefined;
}) {
  const { t } = useSite();
  const p = t.portability.page;
  return (
    <AdminLayout title={p.title} flash={flash}>
      <h1>{p.title}</h1>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{p.exportTitle}</h2>
        <p>{p.exportText}</p>
        <p>
          <a class="button" href={`${IMPORT_EXPORT_PATH}/export.json`} download>
            {p.exportButton}
          </a>
        </p>
      </section>
      <section aria-labelledby="import-title">
        <h2 id="import-title">{p.importTitle}</h2>
        <p>{p.importText}</p>
        <form
          method="post"
          action={`${IMPORT_EXPORT_PATH}/wordpress`}
          enctype="multipart/form-data"
        >
          <CsrfField />
          <div class="field">
            <label for="wxr">{p.fileLabel}</label>
            <input
              id="wxr"
              type="file"
              name="wxr"
              accept=".xml,application/xml,text/xml"
              required
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'wxr-error' : undefined}
            />
            {error && (
              <p class="field__error" id="wxr-error">
                {error}
              </p>
            )}
          </div>
          <div class="field field--check">
            <input id="pages" type="checkbox" name="pages" value="1" />
            <label for="pages">{p.pagesLabel}</label>
          </div>
          <button type="submit">{p.importButton}</button>
        </form>
      </section>
      {runs.length > 0 && (
        <section aria-labelledby="runs-title">
          <h2 id="runs-title">{p.runsTitle}</h2>
          <ul>
            {runs.map((run) => (
              <li>
                <a href={`${IMPORT_EXPORT_PATH}/runs/${run.id}`}>
                  {p.runHeading(run.id, run.file_name)}
                </a>{' '}
                ({p.state[run.state]})
              </li>
            ))}
          </ul>
        </section>
      )}
    </AdminLayout>
  );
}

export function ImportRunPage({
  run,
  progress,
  lines,
}: {
  run: Run;
  progress?: ImportProgress | undefined;
  lines: string[];
}) {
  const { t } = useSite();
  const p = t.portability.page;
  const busy = run.state === 'queued' || run.state === 'running';
  return (
    <AdminLayout title={p.runHeading(run.id, run.file_name)}>
      <h1>{p.runHeading(run.id, run.file_name)}</h1>
      <p role="status">{p.state[run.state]}</p>
      {busy && <p>{p.refreshing}</p>}
      {progress && (
        <p>
          {t.portability.progress.reading(
            (progress.bytes / 1e6).toFixed(1),
            progress.articles,
            progress.comments,
          )}
        </p>
      )}
      {run.error && (
        <p class="flash flash--error" role="alert">
          {run.error}
        </p>
      )}
      {lines.length > 0 && <pre class="import-summary">{lines.join('\n')}</pre>}
      <p>
        <a href={IMPORT_EXPORT_PATH}>{p.backToList}</a>
      </p>
    </AdminLayout>
  );
}
