import type { Flash } from '../../infra/flash.js';
import { AdminLayout } from '../../views/admin/admin-layout.js';
import { useSite } from '../../views/site-context.js';

export function DashboardPage({ flash }: { flash?: Flash | undefined }) {
  const { t, viewer } = useSite();
  const d = t.admin.dashboard;
  return (
    <AdminLayout title={d.title} flash={flash}>
      <h1>{d.title}</h1>
      <p>{d.welcome(viewer?.name ?? '')}</p>
      <p>{d.intro}</p>
      <p class="hint">{d.twoFactorHint}</p>
    </AdminLayout>
  );
}
