// The back-office shell: the shared page layout (noindex, admin styles) with a navigation
// that shows each role only what it may use. The routes check roles again on the server.

import type { ComponentChildren } from 'preact';
import type { Role } from '../../db/schema.js';
import { ADMIN_ROLES, hasRole, STAFF_ROLES, WRITER_ROLES } from '../../features/accounts/policy.js';
import type { Flash } from '../../infra/flash.js';
import { Layout } from '../layout.js';
import type { Messages } from '../messages/index.js';
import { useSite } from '../site-context.js';

/** The hidden CSRF field every back-office form must carry. */
export function CsrfField() {
  const { csrfToken } = useSite();
  return <input type="hidden" name="csrf_token" value={csrfToken ?? ''} />;
}

interface NavItem {
  href: string;
  label: (t: Messages['admin']['nav']) => string;
  roles: readonly Role[];
  /** Marks the item current for this path prefix too (defaults to href). */
  match?: string;
  onlyWithDevMailbox?: boolean;
}

const NAV: NavItem[] = [
  { href: '/beheer', label: (t) => t.dashboard, roles: WRITER_ROLES },
  { href: '/beheer/artikelen', label: (t) => t.articles, roles: WRITER_ROLES },
  { href: '/beheer/reacties', label: (t) => t.comments, roles: WRITER_ROLES },
  { href: '/beheer/waarderingen', label: (t) => t.grades, roles: WRITER_ROLES },
  { href: '/beheer/auteurs', label: (t) => t.authors, roles: STAFF_ROLES },
  { href: '/beheer/onderwerpen', label: (t) => t.topics, roles: STAFF_ROLES },
  { href: '/beheer/nieuwsbrieven', label: (t) => t.newsletters, roles: STAFF_ROLES },
  { href: '/beheer/gebruikers', label: (t) => t.users, roles: ADMIN_ROLES },
  {
    href: '/beheer/gebruikers/uitnodigen',
    label: (t) => t.invite,
    roles: ['editor'],
  },
  // Exports hold every user's e-mail address: administrators only, as the page itself.
  { href: '/beheer/import-export', label: (t) => t.importExport, roles: ADMIN_ROLES },
  { href: '/beheer/audit', label: (t) => t.audit, roles: ADMIN_ROLES },
  {
    href: '/beheer/mailbox',
    label: (t) => t.mailbox,
    roles: STAFF_ROLES,
    onlyWithDevMailbox: true,
  },
  { href: '/beheer/profiel', label: (t) => t.profile, roles: WRITER_ROLES },
  { href: '/beheer/beveiliging', label: (t) => t.security, roles: WRITER_ROLES },
];

function isCurrent(path: string, item: NavItem): boolean {
  if (item.href === '/beheer') return path === '/beheer';
  return path === item.href || path.startsWith(`${item.match ?? item.href}/`);
}

export function AdminNav() {
  const site = useSite();
  const { viewer } = site;
  const t = site.t.admin.nav;
  if (!viewer) return null;
  const items = NAV.filter(
    (item) => hasRole(viewer, item.roles) && (!item.onlyWithDevMailbox || site.devMailbox),
  );
  // The most specific item wins, so /beheer/gebruikers/uitnodigen marks "Uitnodigen" only.
  const current = items
    .filter((item) => isCurrent(site.path, item))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav class="admin-nav" aria-label={t.label}>
      <ul>
        {items.map((item) => (
          <li>
            <a href={item.href} aria-current={item === current ? 'page' : undefined}>
              {item.label(t)}
            </a>
          </li>
        ))}
        <li>
          <form method="post" action="/beheer/uitloggen" class="admin-nav__logout">
            <CsrfField />
            <button type="submit">{t.logout}</button>
          </form>
        </li>
      </ul>
      <p class="admin-nav__who">
        {t.loggedInAs(viewer.name)} ({site.t.admin.roles[viewer.role]})
      </p>
    </nav>
  );
}

/** A flash message carried across a redirect (infra/flash.ts), as ready text. */
export function FlashMessage({ flash }: { flash?: Flash | undefined }) {
  if (!flash) return null;
  return (
    <p class={`flash flash--${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.message}
    </p>
  );
}

export function AdminLayout({
  title,
  flash,
  children,
}: {
  title: string;
  flash?: Flash | undefined;
  children: ComponentChildren;
}) {
  return (
    <Layout meta={{ title, area: 'admin', noindex: true }}>
      <div class="admin">
        <AdminNav />
        <div class="admin__content">
          <FlashMessage flash={flash} />
          {children}
        </div>
      </div>
    </Layout>
  );
}
