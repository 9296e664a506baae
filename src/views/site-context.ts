// What every component may know about the request it renders for, passed through a
// Preact context so that props stay about the component's own data.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { FORM_TOKEN_PLACEHOLDER } from '../infra/form-token.js';
import type { Formatters } from './format.js';
import type { Locale, Messages } from './messages/index.js';

export interface Viewer {
  id: number;
  name: string;
  role: 'admin' | 'editor' | 'author';
}

export interface SiteContextValue {
  locale: Locale;
  t: Messages;
  fmt: Formatters;
  siteName: string;
  siteUrl: string;
  /** Path of the current request, for navigation state and canonical links. */
  path: string;
  /** Anti-forgery token for public forms (see infra/form-token.ts). */
  formToken: string;
  /** The logged-in back-office user, if any. */
  viewer?: Viewer;
  /** Per-session CSRF token for back-office forms. */
  csrfToken?: string;
  /** True when no SMTP server is set and mail lands in the back-office dev mailbox. */
  devMailbox?: boolean;
  /** The page is for a logged-in user (it links to the back office), whoever they are. */
  staffNav?: boolean;
}

/**
 * What a kept piece (made once, shown to many readers) may know of the request: nothing of
 * the viewer, the path or the tokens. The compiler keeps personal data out of kept pieces.
 */
export interface KeptSiteContext
  extends Omit<SiteContextValue, 'viewer' | 'csrfToken' | 'formToken' | 'path' | 'staffNav'> {
  /** Logged-in users' pages show the back-office link, so they get a variant of their own. */
  staffNav: boolean;
}

/** The context a kept piece renders in: its own path, no viewer, a slot for the form token. */
export function renderContextOf(kept: KeptSiteContext, path: string): SiteContextValue {
  return { ...kept, path, formToken: FORM_TOKEN_PLACEHOLDER };
}

export const SiteContext = createContext<SiteContextValue | null>(null);

export function useSite(): SiteContextValue {
  const value = useContext(SiteContext);
  if (!value) throw new Error('Component rendered outside a SiteContext');
  return value;
}
